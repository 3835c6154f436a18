/** One sample line of the Prometheus text format. */
export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** A small parser for the text exposition format (what prom-client writes): samples only, HELP and TYPE skipped. */
export function parsePrometheusText(text: string): PromSample[] {
  const samples: PromSample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (match[2] ?? '').matchAll(LABEL)) labels[key] = raw.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** Metrics of one scrape, looked up by name and a subset of labels. */
export class Scrape {
  readonly samples: readonly PromSample[];

  constructor(readonly text: string) {
    this.samples = parsePrometheusText(text);
  }

  /** Every sample of `name` whose labels include `labels`. */
  find(name: string, labels: Readonly<Record<string, string>> = {}): PromSample[] {
    return this.samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
  }

  /** The sum over the matching samples; 0 when there is none (a labelled counter not yet incremented). */
  value(name: string, labels: Readonly<Record<string, string>> = {}): number {
    return this.find(name, labels).reduce((sum, s) => sum + s.value, 0);
  }

  has(name: string): boolean {
    return this.samples.some((s) => s.name === name);
  }
}
