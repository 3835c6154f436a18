import { SUBMISSION_PHASES, type SubmissionPhase } from '../../src/workers/playwright/submission-phases';
import type { SandboxDirectory } from '../../sandbox/sandbox-catalog';
import { makeSubmitter, requestFor, type TimedSubmission } from './submitter-runs';
import { ownCpuSeconds } from './cgroup-cpu';
import { treeCpuSeconds } from './proc-cpu';

export const PHASES = SUBMISSION_PHASES;
export type Phase = SubmissionPhase;

export interface WarmRun {
  /** `submit()` of the PlaywrightSubmitter, one at a time, browser already running. */
  readonly submissions: readonly TimedSubmission[];
  /** CPU seconds (this process + Chromium) per warm submission, over the whole sequence. */
  readonly cpuPerSubmission: number;
  /** Of that, the Node process alone (Playwright's client side). */
  readonly nodeCpuPerSubmission: number;
  /** Per phase, per submission: wall ms and CPU ms (this process + Chromium), from the submitter's phase marks. */
  readonly phasesMs: Readonly<Record<Phase, readonly number[]>>;
  readonly phasesCpuMs: Readonly<Record<Phase, readonly number[]>>;
  readonly contextsOpened: number;
  readonly contextsReused: number;
}

const empty = (): Record<Phase, number[]> => Object.fromEntries(PHASES.map((p) => [p, [] as number[]])) as Record<Phase, number[]>;

/**
 * Sequential submissions against instances of one simple site with a long-lived browser, on the
 * cost settings of this process's environment. Phases are laps: each mark takes everything since
 * the last, so `context` holds the previous submission's release (its close or clearing, which
 * runs after `submit()` returns and which the next lease waits for) and the new lease.
 */
export async function runWarm(directories: readonly SandboxDirectory[], count: number, evidenceDir: string): Promise<WarmRun> {
  const cpu = (): number => ownCpuSeconds(() => treeCpuSeconds(process.pid));
  const phasesMs = empty();
  const phasesCpuMs = empty();
  let recording = false;
  let mark = performance.now();
  let cpuMark = cpu();
  let current = empty();
  let currentCpu = empty();
  const lap = (phase: Phase): void => {
    const [now, cpuNow] = [performance.now(), cpu()];
    if (recording) {
      current[phase].push(now - mark);
      currentCpu[phase].push((cpuNow - cpuMark) * 1000);
    }
    [mark, cpuMark] = [now, cpuNow];
  };
  const { submitter, pool } = makeSubmitter(evidenceDir, 100_000, 1, lap);
  try {
    await submitter.submit(requestFor(directories[0], `warmup-${process.env.BENCH_TAG ?? ''}`, 0));
    await submitter.submit(requestFor(directories[1 % directories.length], `warmup-${process.env.BENCH_TAG ?? ''}`, 1));
    const submissions: TimedSubmission[] = [];
    recording = true;
    [mark, cpuMark] = [performance.now(), cpu()];
    const cpuBefore = cpuMark;
    const nodeBefore = process.cpuUsage();
    for (let i = 0; i < count; i += 1) {
      const begun = performance.now();
      // A listing per pipeline: the sandbox is shared by all pipelines and answers a repeat as a duplicate.
      const outcome = await submitter.submit(requestFor(directories[i % directories.length], `warm-${process.env.BENCH_TAG ?? ''}`, i));
      submissions.push({ ms: performance.now() - begun, kind: outcome.kind });
      // A wizard marks detection and fill once per step: one figure per submission.
      for (const phase of PHASES) {
        phasesMs[phase].push(current[phase].reduce((a, b) => a + b, 0));
        phasesCpuMs[phase].push(currentCpu[phase].reduce((a, b) => a + b, 0));
      }
      [current, currentCpu] = [empty(), empty()];
    }
    const cpuPerSubmission = (cpu() - cpuBefore) / count;
    const node = process.cpuUsage(nodeBefore);
    const nodeCpuPerSubmission = (node.user + node.system) / 1e6 / count;
    const { contextsOpened, contextsReused } = pool.stats();
    return { submissions, cpuPerSubmission, nodeCpuPerSubmission, phasesMs, phasesCpuMs, contextsOpened, contextsReused };
  } finally {
    await submitter.close();
  }
}
