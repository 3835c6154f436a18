import { EvidenceRecorder } from '../../src/workers/playwright/evidence';
import { detectFieldsInPage } from '../../src/workers/playwright/detect-fields';
import { fillFormSteps } from '../../src/workers/playwright/form-steps';
import { openForm } from '../../src/workers/playwright/navigation';
import { submitAndClassify } from '../../src/workers/playwright/submit-and-wait';
import type { SandboxDirectory } from '../../sandbox/sandbox-catalog';
import { makeSubmitter, requestFor, type TimedSubmission } from './submitter-runs';
import { ownCpuSeconds } from './cgroup-cpu';
import { treeCpuSeconds } from './proc-cpu';

export const PHASES = ['context + page', 'goto form', 'inspect + fill', 'submit + verdict', 'screenshot', 'close context'] as const;
export type Phase = (typeof PHASES)[number];

export interface WarmRun {
  /** `submit()` of the PlaywrightSubmitter, one at a time, browser already running. */
  readonly submissions: readonly TimedSubmission[];
  /** CPU seconds (this process + Chromium) per warm submission, from the timed `submit()` calls alone. */
  readonly cpuPerSubmission: number;
  /** Of that, the Node process alone (Playwright's client side). */
  readonly nodeCpuPerSubmission: number;
  /** The same steps done one by one, each timed: where a warm submission's time goes. */
  readonly phasesMs: Readonly<Record<Phase, readonly number[]>>;
  /** CPU ms (this process + Chromium) spent during each step, same runs. */
  readonly phasesCpuMs: Readonly<Record<Phase, readonly number[]>>;
}

const TIMEOUT_MS = 15_000;

/** Sequential submissions against instances of one simple site with a long-lived browser. */
export async function runWarm(directories: readonly SandboxDirectory[], count: number, evidenceDir: string): Promise<WarmRun> {
  const { submitter, pool } = makeSubmitter(evidenceDir, 100_000, 1);
  try {
    await submitter.submit(requestFor(directories[0], 'warmup', 0));
    const submissions: TimedSubmission[] = [];
    const cpu = (): number => ownCpuSeconds(() => treeCpuSeconds(process.pid));
    const cpuBefore = cpu();
    const nodeBefore = process.cpuUsage();
    for (let i = 0; i < count; i += 1) {
      const begun = performance.now();
      const outcome = await submitter.submit(requestFor(directories[i % directories.length], 'warm', i));
      submissions.push({ ms: performance.now() - begun, kind: outcome.kind });
    }
    const cpuPerSubmission = (cpu() - cpuBefore) / count;
    const node = process.cpuUsage(nodeBefore);
    const nodeCpuPerSubmission = (node.user + node.system) / 1e6 / count;
    const empty = (): Record<Phase, number[]> => Object.fromEntries(PHASES.map((p) => [p, [] as number[]])) as Record<Phase, number[]>;
    const phasesMs = empty();
    const phasesCpuMs = empty();
    const evidence = new EvidenceRecorder(evidenceDir);
    for (let i = 0; i < count; i += 1) {
      const request = requestFor(directories[i % directories.length], 'phases', i);
      let mark = performance.now();
      let cpuMark = cpu();
      const lap = (phase: Phase): void => {
        const [now, cpuNow] = [performance.now(), cpu()];
        phasesMs[phase].push(now - mark);
        phasesCpuMs[phase].push((cpuNow - cpuMark) * 1000);
        [mark, cpuMark] = [now, cpuNow];
      };
      const lease = await pool.acquire();
      lap('context + page');
      const landing = await openForm(lease.page, request.directory.submissionUrl, TIMEOUT_MS);
      lap('goto form');
      if (!landing.ok) throw new Error(`form did not open: ${JSON.stringify(landing.verdict)}`);
      await fillFormSteps(lease.page, {
        mapping: request.directory.formMapping,
        business: request.business,
        detectFields: detectFieldsInPage,
        stepTimeoutMs: TIMEOUT_MS,
      });
      lap('inspect + fill');
      await submitAndClassify(lease.page, landing.status, TIMEOUT_MS);
      lap('submit + verdict');
      await evidence.record(lease.page, request, false);
      lap('screenshot');
      await lease.release();
      lap('close context');
    }
    return { submissions, cpuPerSubmission, nodeCpuPerSubmission, phasesMs, phasesCpuMs };
  } finally {
    await submitter.close();
  }
}
