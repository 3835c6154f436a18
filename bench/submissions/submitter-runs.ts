import { SANDBOX_ALLOWLIST } from '../../sandbox/sandbox-addresses';
import { readBrowserConfig } from '../../src/config/browser-config';
import { EnvReader } from '../../src/config/env-reader';
import { BrowserPool } from '../../src/workers/browser/browser-pool';
import type { PhaseListener } from '../../src/workers/playwright/submission-phases';
import { detectFieldsInPage } from '../../src/workers/playwright/detect-fields';
import { PlaywrightSubmitter } from '../../src/workers/playwright/playwright.submitter';
import type { SubmissionRequest } from '../../src/workers/submitter.port';
import type { SandboxDirectory } from '../../sandbox/sandbox-catalog';
import { benchBusiness } from './bench-catalog';
import { CHROMIUM_PATH } from './bench-config';

export interface TimedSubmission {
  readonly ms: number;
  readonly kind: string;
}

export interface ColdRun {
  readonly seconds: number;
  readonly submissions: readonly TimedSubmission[];
  readonly launches: number;
}

/** The app's submitter on the cost settings of this process's environment (a variant's), on a pool of the size given. */
export function makeSubmitter(
  evidenceDir: string,
  retireAfter: number,
  maxConcurrency: number,
  phases?: PhaseListener,
): { submitter: PlaywrightSubmitter; pool: BrowserPool } {
  const problems: string[] = [];
  const browser = readBrowserConfig(new EnvReader(process.env, problems), evidenceDir, problems);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const pool = new BrowserPool({
    executablePath: CHROMIUM_PATH,
    maxConcurrency,
    retireAfter,
    launchTimeoutMs: 15_000,
    reuseContexts: browser.contextReuse,
    extraArgs: browser.extraArgs,
  });
  const submitter = new PlaywrightSubmitter(pool, {
    evidenceDir,
    navigationTimeoutMs: 15_000,
    submitTimeoutMs: 15_000,
    politenessDelayMs: 0,
    detectFields: detectFieldsInPage,
    directoryUrlAllowlist: ['127.0.0.1', ...SANDBOX_ALLOWLIST],
    blockResources: browser.blockResources,
    evidence: { type: browser.evidenceFormat, quality: browser.evidenceJpegQuality },
    skipCoveredDetection: browser.skipCoveredDetection,
    phases,
  });
  return { submitter, pool };
}

export function requestFor(directory: SandboxDirectory, tag: string, index: number): SubmissionRequest {
  return {
    jobId: `bench-${tag}`,
    directoryId: directory.id,
    attempt: 1,
    idempotencyKey: `${tag}-${index}`,
    business: benchBusiness(`${tag}-${index}`),
    directory: {
      id: directory.id,
      submissionUrl: directory.submissionUrl,
      domain: directory.domain,
      requiresLogin: directory.requiresLogin,
      hasCaptcha: directory.hasCaptcha,
      formMapping: directory.formMapping,
    },
  };
}

/**
 * The seed's behaviour: every submission launches its own Chromium, fills and submits in it, and
 * closes it. The same submitter code as ours (mapping, detection, evidence), on a pool of one that
 * is closed after each submission, so no browser ever serves two.
 */
export async function runCold(
  directories: readonly SandboxDirectory[],
  count: number,
  concurrency: number,
  evidenceDir: string,
): Promise<ColdRun> {
  const results: TimedSubmission[] = [];
  let next = 0;
  let launches = 0;
  const started = performance.now();
  const loop = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) {
      const { submitter, pool } = makeSubmitter(evidenceDir, 1, 1);
      const begun = performance.now();
      try {
        const outcome = await submitter.submit(requestFor(directories[index % directories.length], `base-c${concurrency}`, index));
        results.push({ ms: performance.now() - begun, kind: outcome.kind });
      } finally {
        launches += pool.stats().launches;
        await submitter.close();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { seconds: (performance.now() - started) / 1000, submissions: results, launches };
}
