import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { serverVersion } from './bench-database';

export interface MachineInfo {
  readonly cores: string;
  readonly cpuModel: string;
  readonly postgres: string;
  readonly node: string;
  readonly date: string;
  /** 1, 5 and 15-minute load averages: on 2 cores, anything near 2 means other work competed. */
  readonly loadAtStart: string;
  readonly loadAtEnd?: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function nproc(): string {
  try {
    return execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

export async function machineInfo(): Promise<MachineInfo> {
  const version = await serverVersion();
  return {
    cores: nproc(),
    cpuModel: cpuModel(),
    postgres: version.split(' on ')[0],
    node: process.version,
    date: new Date().toISOString(),
    loadAtStart: loadAverage(),
  };
}
