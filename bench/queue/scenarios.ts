import { performance } from 'node:perf_hooks';
import type { LatencySummary } from '../event-store/bench-types';
import { summarizeLatencies } from '../event-store/stats';
import { CLAIM_MAX, PHASE_TIMEOUT_MS, type LoadPlan } from './bench-config';
import type { Claimed, QueueDriver } from './queue-driver';

export interface EnqueueResult {
  readonly latency: LatencySummary | null;
  readonly perSecond: number;
}

export interface ClaimLatencyResult {
  readonly latency: LatencySummary | null;
  readonly offered: number;
  readonly claimed: number;
  readonly achievedRate: number;
}

export interface DrainResult {
  readonly perSecond: number;
  readonly seconds: number;
  readonly completed: number;
  readonly duplicates: number;
  readonly timedOut: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const keys = (tag: string, from: number, count: number): string[] => Array.from({ length: count }, (_, i) => `${tag}-${from + i}`);

/** Sequential single-message sends, each timed; the warm-up is sent first and not counted. */
export async function enqueueLatency<H>(driver: QueueDriver<H>, plan: LoadPlan, tag: string): Promise<EnqueueResult> {
  await driver.reset();
  for (const key of keys(`${tag}-w`, 0, plan.warmupSends)) await driver.sendOne(key);
  const samples: number[] = [];
  const started = performance.now();
  for (const key of keys(tag, 0, plan.singleSends)) {
    const t0 = performance.now();
    await driver.sendOne(key);
    samples.push(performance.now() - t0);
  }
  return { latency: summarizeLatencies(samples), perSecond: plan.singleSends / ((performance.now() - started) / 1000) };
}

/**
 * One producer sends at `ratePerSecond` (on a fixed schedule, sequentially) while one consumer
 * loop claims and completes; latency runs from the start of the send call to the claim's return.
 */
export async function claimLatency<H>(driver: QueueDriver<H>, plan: LoadPlan, tag: string): Promise<ClaimLatencyResult> {
  await driver.reset();
  const total = plan.ratePerSecond * plan.rateSeconds;
  const sentAt = new Map<string, number>();
  const samples: number[] = [];
  let claimed = 0;
  let producing = true;
  const deadline = performance.now() + PHASE_TIMEOUT_MS;
  const consumer = (async (): Promise<void> => {
    while ((producing || claimed < total) && performance.now() < deadline) {
      const batch = await driver.claim(CLAIM_MAX, true);
      const at = performance.now();
      for (const c of batch) {
        const t0 = sentAt.get(c.key);
        if (t0 !== undefined && Number(c.key.slice(tag.length + 1)) >= plan.rateWarmupMessages) samples.push(at - t0);
      }
      claimed += batch.length;
      if (batch.length > 0) await driver.complete(batch);
    }
  })();
  const start = performance.now();
  const intervalMs = 1000 / plan.ratePerSecond;
  for (let i = 0; i < total && performance.now() < deadline; i++) {
    const due = start + i * intervalMs;
    const now = performance.now();
    if (due > now) await sleep(due - now);
    const key = `${tag}-${i}`;
    sentAt.set(key, performance.now());
    await driver.sendOne(key);
  }
  const sendSeconds = (performance.now() - start) / 1000;
  producing = false;
  await consumer;
  return { latency: summarizeLatencies(samples), offered: total, claimed, achievedRate: total / sendSeconds };
}

/** `batchCalls` calls of `batchSize` messages, timed per call; the messages stay as the backlog. */
export async function batchEnqueue<H>(driver: QueueDriver<H>, plan: LoadPlan, tag: string): Promise<EnqueueResult> {
  await driver.reset();
  const samples: number[] = [];
  const started = performance.now();
  for (let call = 0; call < plan.batchCalls; call++) {
    const batch = keys(tag, call * plan.batchSize, plan.batchSize);
    const t0 = performance.now();
    await driver.sendMany(batch);
    samples.push(performance.now() - t0);
  }
  const messages = plan.batchCalls * plan.batchSize;
  return { latency: summarizeLatencies(samples), perSecond: messages / ((performance.now() - started) / 1000) };
}

/** `consumers` loops claim up to 10 and complete them until the whole backlog is done. */
export async function drain<H>(driver: QueueDriver<H>, plan: LoadPlan, backlog: number): Promise<DrainResult> {
  const seen = new Set<string>();
  let completed = 0;
  let duplicates = 0;
  const started = performance.now();
  const deadline = started + PHASE_TIMEOUT_MS;
  const loop = async (): Promise<void> => {
    while (seen.size < backlog && performance.now() < deadline) {
      const batch: Claimed<H>[] = await driver.claim(CLAIM_MAX, false);
      if (batch.length === 0) {
        await sleep(1);
        continue;
      }
      for (const c of batch) {
        if (seen.has(c.key)) duplicates += 1;
        seen.add(c.key);
      }
      await driver.complete(batch);
      completed += batch.length;
    }
  };
  await Promise.all(Array.from({ length: plan.consumers }, loop));
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: completed / seconds, seconds, completed, duplicates, timedOut: seen.size < backlog };
}
