import { Presets, SingleBar } from 'cli-progress';

export interface ProgressBar {
  update(events: number): void;
  stop(): void;
}

/**
 * Events done against the log's size, on stderr so stdout stays clean for results (and silent
 * when stderr is not a terminal). The total grows if the log does while the bar runs.
 */
export function startProgressBar(label: string, total: number | null): ProgressBar {
  const format =
    total === null
      ? `${label} {value} events | {duration_formatted}`
      : `${label} [{bar}] {value}/{total} events | {percentage}% | {duration_formatted}`;
  const bar = new SingleBar({ format, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  let max = total ?? 0;
  bar.start(max, 0);
  return {
    update: (events) => {
      if (total !== null && events > max) bar.setTotal((max = events));
      bar.update(events);
    },
    stop: () => bar.stop(),
  };
}

/** Starts drawing at the first update, so messages printed before it do not land mid-bar. */
export function lazyProgressBar(label: string, total: number | null): ProgressBar {
  let bar: ProgressBar | null = null;
  return {
    update: (events) => (bar ??= startProgressBar(label, total)).update(events),
    stop: () => bar?.stop(),
  };
}
