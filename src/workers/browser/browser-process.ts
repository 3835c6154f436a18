import { readdir, readFile } from 'node:fs/promises';

/**
 * Playwright's `Browser` does not expose its process, so every launch carries a unique, harmless
 * command-line marker and the process is found by that marker in /proc (Linux) when it must be killed.
 */
export function launchMarker(id: string): string {
  return `--directorybolt-pool=${id}`;
}

export async function findPidsByMarker(marker: string): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  await Promise.all(
    entries
      .filter((name) => /^\d+$/.test(name))
      .map(async (name) => {
        const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
        if (cmdline.split('\0').includes(marker)) pids.push(Number(name));
      }),
  );
  return pids.sort((a, b) => a - b);
}

export async function killByMarker(marker: string): Promise<number> {
  const pids = await findPidsByMarker(marker);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids.length;
}
