import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** bench/RESULTS.md, found from dist/bench/shared or bench/shared alike. */
export function resultsPath(): string {
  const fromDist = join(__dirname, '..', '..', '..', 'bench', 'RESULTS.md');
  return existsSync(join(__dirname, '..', '..', '..', 'package.json')) ? fromDist : join(__dirname, '..', 'RESULTS.md');
}

/** Replaces one benchmark's section (from `heading` up to the next `## `), leaving the others alone. */
export function writeResultsSection(heading: string, section: string, path: string = resultsPath()): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmark results\n\n';
  const start = current.indexOf(heading);
  if (start === -1) {
    writeFileSync(path, `${current.trimEnd()}\n\n${section.trimEnd()}\n`);
    return;
  }
  const next = current.indexOf('\n## ', start + heading.length);
  const rest = next === -1 ? '' : `\n${current.slice(next + 1)}`;
  writeFileSync(path, `${current.slice(0, start)}${section.trimEnd()}\n${rest}`);
}
