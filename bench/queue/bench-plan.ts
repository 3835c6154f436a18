import { randomBytes } from 'node:crypto';
import { startFauxqs, type FauxqsProcess } from '../../test/support/fauxqs-server';
import { PG_PLAN, SQS_PLAN, type LoadPlan } from './bench-config';
import { OursDriver } from './ours-driver';
import { PgBossDriver } from './pgboss-driver';
import type { QueueDriver } from './queue-driver';
import {
  batchEnqueue,
  claimLatency,
  drain,
  enqueueLatency,
  type ClaimLatencyResult,
  type DrainResult,
  type EnqueueResult,
} from './scenarios';
import { ALL_TIERS, SqsDriver } from './sqs-driver';

export interface SubjectResult {
  readonly label: string;
  enqueue?: EnqueueResult;
  claim?: ClaimLatencyResult;
  /** SQS only: the consumer asking for P1 alone. */
  claimOneTier?: ClaimLatencyResult;
  batch?: EnqueueResult;
  drain?: DrainResult;
  errors: string[];
}

type AnyDriver = QueueDriver<unknown>;
type Step = (driver: AnyDriver, result: SubjectResult, tag: string) => Promise<void>;

const run = randomBytes(3).toString('hex');

function log(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** A failed step is recorded and the bench goes on: one broken queue must not hide the others. */
async function attempt(result: SubjectResult, what: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    result.errors.push(`${what}: ${message}`);
    console.error(`[${result.label}] ${what} FAILED: ${message}`);
  }
}

function steps(plan: LoadPlan): Array<{ name: string; step: Step }> {
  const backlog = plan.batchCalls * plan.batchSize;
  return [
    { name: 'enqueue latency', step: async (d, r, tag) => void (r.enqueue = await enqueueLatency(d, plan, tag)) },
    { name: 'enqueue→claim latency', step: async (d, r, tag) => void (r.claim = await claimLatency(d, plan, tag)) },
    {
      name: 'batch enqueue + drain',
      step: async (d, r, tag) => {
        r.batch = await batchEnqueue(d, plan, tag);
        r.drain = await drain(d, plan, backlog);
      },
    },
  ];
}

/** Ours and pg-boss take turns step by step; who goes first alternates, so drift hits both alike. */
export async function runPostgres(database: string): Promise<SubjectResult[]> {
  const ours: SubjectResult = { label: 'ours (PostgreSQL)', errors: [] };
  const boss: SubjectResult = { label: 'pg-boss 10.4.2', errors: [] };
  const drivers = new Map<SubjectResult, AnyDriver>();
  await attempt(ours, 'open', async () => void drivers.set(ours, await OursDriver.open(database)));
  await attempt(boss, 'open', async () => void drivers.set(boss, await PgBossDriver.open(database)));
  for (const [index, { name, step }] of steps(PG_PLAN).entries()) {
    const order = index % 2 === 0 ? [ours, boss] : [boss, ours];
    for (const subject of order) {
      const driver = drivers.get(subject);
      if (!driver) continue;
      log(`${subject.label}: ${name}`);
      await attempt(subject, name, () => step(driver, subject, `${run}-${index}-${subject === ours ? 'o' : 'b'}`));
    }
  }
  for (const [subject, driver] of drivers) await attempt(subject, 'close', () => driver.close());
  return [ours, boss];
}

export async function runSqs(): Promise<SubjectResult> {
  const result: SubjectResult = { label: 'ours (SQS adapter + fauxqs)', errors: [] };
  let server: FauxqsProcess;
  try {
    server = await startFauxqs();
  } catch (error) {
    result.errors.push(`start fauxqs: ${String(error)}`);
    return result;
  }
  const allTiers = new SqsDriver(server.endpoint, ALL_TIERS);
  const oneTier = new SqsDriver(server.endpoint, ['P1']);
  for (const [index, { name, step }] of steps(SQS_PLAN).entries()) {
    log(`${allTiers.label}: ${name}`);
    await attempt(result, name, () => step(allTiers, result, `${run}-s${index}`));
  }
  log(`${oneTier.label}: enqueue→claim latency`);
  await attempt(result, 'enqueue→claim latency, P1 only', async () => {
    result.claimOneTier = await claimLatency(oneTier, SQS_PLAN, `${run}-s1t`);
  });
  await attempt(result, 'close', async () => {
    await allTiers.close();
    await oneTier.close();
    await server.stop();
  });
  return result;
}
