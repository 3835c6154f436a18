import { runCli } from '../../src/cli/run-cli';
import type { AppConfig } from '../../src/config/app-config';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** The CLI in-process, as `npm run cli` runs it, with stdout and stderr captured. */
export async function runCliCaptured(config: AppConfig, ...args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => err.push(String(chunk)) > 0);
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
  try {
    const code = await runCli(['node', 'cli', ...args], config);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    [log, error, write, stdout].forEach((spy) => spy.mockRestore());
  }
}
