import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadAverage, machineInfo } from '../event-store/machine-info';
import { resultsPath, writeResultsSection } from '../shared/results-file';
import { markdownTable, textTable } from '../shared/tables';
import { seedCustomers } from '../submissions/bench-catalog';
import { createBenchDatabase, dropBenchDatabase, type BenchDatabase } from '../submissions/bench-database';
import { benchStaffHeaders } from '../submissions/bench-session';
import { waitFor } from '../submissions/child-processes';
import { completion } from '../submissions/event-figures';
import { treeCpuSeconds } from '../submissions/proc-cpu';

const DIRECTORIES = Number(process.env.BENCH_DIRECTORIES ?? 50);
const JOBS = Number(process.env.BENCH_JOBS ?? 4);
const ROUNDS = ['info', 'silent', 'info', 'silent'] as const;
export const LOGGING_HEADING = '## Logging on the submission path (`npm run bench:logging`)';

/** The settings of every round besides LOG_LEVEL: the app's defaults, with no politeness sleep and a fixed concurrency. */
const SETTINGS = { ROLES: 'api,projector,reactor,dispatcher,worker', DEMO: 'false', LOG_FORMAT: 'json', POLITENESS_DELAY_MS: '0' };
const FIXED = { WORKER_AUTOSCALE: 'false', WORKER_CONCURRENCY: '4' };

interface Round {
  readonly level: string;
  readonly submissions: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly logLines: number;
  readonly logBytes: number;
  readonly load: string;
}

async function seedDirectories(db: BenchDatabase): Promise<void> {
  await db.pool.query(
    `INSERT INTO directories (id, name, url, submission_url, domain, domain_authority)
     SELECT 'dir-' || i, 'Directory ' || i, 'https://d' || i || '.test', 'https://d' || i || '.test/add', 'd' || i || '.test', 50
     FROM generate_series(1, $1::int) i`,
    [DIRECTORIES],
  );
}

async function postJob(baseUrl: string, customerId: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${baseUrl}/api/queue/${customerId}`, { method: 'POST', headers });
  if (response.status !== 201) throw new Error(`POST /api/queue/${customerId}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { jobId: string }).jobId;
}

/**
 * One round: a fresh database, the app (every role, instant submitter) at `level`, its stdout
 * (the JSON log lines) read and counted by this process; an untimed warm-up job, then JOBS jobs
 * of DIRECTORIES submissions each, timed from the first POST until all are complete in the log
 * and the read model. CPU is the app process's own (PostgreSQL's is not in it: logging does not move it).
 */
async function runRound(level: string): Promise<Round> {
  const db = await createBenchDatabase();
  const load = loadAverage();
  const child = spawn(process.execPath, [join(__dirname, 'logging-child.js')], {
    env: { ...process.env, ...SETTINGS, ...FIXED, DATABASE_URL: db.url, LOG_LEVEL: level },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs = { lines: 0, bytes: 0 };
  child.stdout.on('data', (chunk: Buffer) => {
    logs.bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) logs.lines += 1;
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
  try {
    await seedDirectories(db);
    const [warm, ...customers] = await seedCustomers(db.pool, `log-${level}`, JOBS + 1, DIRECTORIES);
    const baseUrl = await waitFor('the app', () => /READY (\S+)/.exec(stderr)?.[1] ?? null, 120_000);
    const staff = await benchStaffHeaders(db.pool, baseUrl);
    const done = (ids: string[]) => async () => ((await completion(db.pool, ids)).inReadModel === ids.length ? true : null);
    const warmId = await postJob(baseUrl, warm, staff);
    await waitFor('the warm-up job', done([warmId]), 300_000, 100);
    const before = { cpu: treeCpuSeconds(child.pid ?? 0), at: performance.now(), ...logs };
    const ids = await Promise.all(customers.map((c) => postJob(baseUrl, c, staff)));
    await waitFor(`${JOBS} jobs`, done(ids), 600_000, 100);
    const submissions = JOBS * DIRECTORIES;
    return {
      level,
      submissions,
      seconds: (performance.now() - before.at) / 1000,
      cpuSeconds: treeCpuSeconds(child.pid ?? 0) - before.cpu,
      logLines: logs.lines - before.lines,
      logBytes: logs.bytes - before.bytes,
      load,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await dropBenchDatabase(db);
  }
}

function table(rounds: readonly Round[]): { headers: string[]; rows: string[][] } {
  return {
    headers: [
      'LOG_LEVEL',
      'submissions',
      'seconds',
      'submissions/s',
      'app CPU-µs/submission',
      'log lines/submission',
      'log bytes/submission',
      'load at start',
    ],
    rows: rounds.map((r) => [
      r.level,
      String(r.submissions),
      r.seconds.toFixed(1),
      (r.submissions / r.seconds).toFixed(1),
      Math.round((r.cpuSeconds * 1e6) / r.submissions).toLocaleString('en-US'),
      (r.logLines / r.submissions).toFixed(2),
      Math.round(r.logBytes / r.submissions).toLocaleString('en-US'),
      r.load,
    ]),
  };
}

function summary(rounds: readonly Round[]): string {
  const mean = (level: string, f: (r: Round) => number): number => {
    const of = rounds.filter((r) => r.level === level);
    return of.reduce((sum, r) => sum + f(r), 0) / of.length;
  };
  const cpu = (level: string): number => mean(level, (r) => (r.cpuSeconds * 1e6) / r.submissions);
  const rate = (level: string): number => mean(level, (r) => r.submissions / r.seconds);
  const extra = cpu('info') - cpu('silent');
  return (
    `- JSON logs at info cost ${Math.round(extra).toLocaleString('en-US')} CPU-µs per submission in the app process ` +
    `(${Math.round(cpu('info')).toLocaleString('en-US')} vs ${Math.round(cpu('silent')).toLocaleString('en-US')} silent, ` +
    `${((extra / cpu('silent')) * 100).toFixed(1)} %); throughput ${rate('info').toFixed(1)} vs ${rate('silent').toFixed(1)} submissions/s (means of the rounds).`
  );
}

/** `npm run bench:logging`: LOG_LEVEL=info (JSON lines) against silent, alternating rounds in one run. */
async function main(): Promise<void> {
  const info = await machineInfo();
  console.log(`Logging benchmark: ${info.cores} cores, ${info.postgres}, Node ${info.node}; load ${info.loadAtStart}`);
  const rounds: Round[] = [];
  for (const level of ROUNDS) {
    rounds.push(await runRound(level));
    console.log(textTable(table(rounds.slice(-1))));
  }
  const loadAtEnd = loadAverage();
  console.log(textTable(table(rounds)));
  console.log(summary(rounds));
  if (process.env.BENCH_NO_WRITE === '1') return;
  const section = [
    LOGGING_HEADING,
    '',
    `Run ${info.date} on ${info.cores} cores (${info.cpuModel}), ${info.postgres}, Node ${info.node}. Load average (1 / 5 / 15 min) ` +
      `${info.loadAtStart} at start, ${loadAtEnd} at end: a shared machine, other work competed; figures are indicative.`,
    '',
    `The whole pipeline in one app process (API → events → dispatcher → PostgreSQL queue → worker → projections), ` +
      `the browser submitter replaced by one that succeeds at once, so what is left is the code around the browser; ` +
      `${JOBS} jobs × ${DIRECTORIES} directories per round, after a warm-up job, on a fresh database each; rounds alternate ` +
      '`LOG_LEVEL=info` (pino JSON lines to a pipe this benchmark reads) and `LOG_LEVEL=silent`. CPU: the app process (from /proc).',
    '',
    markdownTable(table(rounds)),
    '',
    summary(rounds),
    '',
  ].join('\n');
  writeResultsSection(LOGGING_HEADING, section);
  console.log(`Wrote ${resultsPath()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
