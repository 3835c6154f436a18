import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HEADING = '## Event store (bench/event-store)';

/** bench/RESULTS.md, found from dist/bench/event-store or bench/event-store alike. */
export function resultsPath(): string {
  const fromDist = join(__dirname, '..', '..', '..', 'bench', 'RESULTS.md');
  return existsSync(join(__dirname, '..', '..', '..', 'package.json')) ? fromDist : join(__dirname, '..', 'RESULTS.md');
}

/** Replaces this benchmark's section (up to the next `## ` heading), leaving the others alone. */
export function writeResultsSection(section: string, path: string = resultsPath()): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n\n';
  const start = current.indexOf(HEADING);
  if (start === -1) {
    writeFileSync(path, `${current.trimEnd()}\n\n${section.trimEnd()}\n`);
    return;
  }
  const next = current.indexOf('\n## ', start + HEADING.length);
  const rest = next === -1 ? '' : `\n${current.slice(next + 1)}`;
  writeFileSync(path, `${current.slice(0, start)}${section.trimEnd()}\n${rest}`);
}
