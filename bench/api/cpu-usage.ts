import { readFile } from 'node:fs/promises';
import type { Pool } from 'pg';

/** CPU time (µs, user + system) spent while a load ran, per request: the app process and its database backends. */
export interface CpuPerRequest {
  readonly app: number;
  /** null where /proc cannot be read (not Linux, or the server runs elsewhere). */
  readonly database: number | null;
}

/** Linux counts process CPU in clock ticks; 100 per second on every common build. */
const TICK_MICROS = 10_000;

/**
 * Measures the CPU that `load` costs, per request. Unlike wall-clock latency on a shared machine,
 * CPU time hardly moves with what else runs beside. The database side is read from /proc for the
 * app's backends on the bench database (the server runs on this machine); the app side includes the
 * projector running beside the API.
 */
export async function cpuPerRequest<T>(
  pool: Pool,
  databaseName: string,
  load: () => Promise<T>,
  requestsOf: (result: T) => number,
): Promise<{ result: T; cpu: CpuPerRequest }> {
  const backendsBefore = await backendTicks(pool, databaseName);
  const appBefore = process.cpuUsage();
  const result = await load();
  const appUsed = process.cpuUsage(appBefore);
  const backendsAfter = await backendTicks(pool, databaseName);
  const requests = Math.max(1, requestsOf(result));
  return {
    result,
    cpu: { app: (appUsed.user + appUsed.system) / requests, database: databaseMicros(backendsBefore, backendsAfter, requests) },
  };
}

function databaseMicros(before: Map<number, number> | null, after: Map<number, number> | null, requests: number): number | null {
  if (before === null || after === null) return null;
  let ticks = 0;
  // A backend that started during the load counts from zero; one that ended is lost (the pool keeps them open).
  for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
  return (ticks * TICK_MICROS) / requests;
}

/** utime + stime of each of the app's backends on the database, or null when /proc says nothing. */
async function backendTicks(pool: Pool, databaseName: string): Promise<Map<number, number> | null> {
  const { rows } = await pool.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'directorybolt'`,
    [databaseName],
  );
  const ticks = new Map<number, number>();
  try {
    for (const { pid } of rows) ticks.set(pid, await processTicks(pid));
  } catch {
    return null;
  }
  return ticks;
}

async function processTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at the state, field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
