import type { AppConfig } from '../config/app-config';
import { destinationAllowlist } from '../outbound/destination-guard';
import { BrowserPool } from './browser/browser-pool';
import { detectFieldsInPage } from './playwright/detect-fields';
import { PlaywrightSubmitter } from './playwright/playwright.submitter';
import { RedisPoliteness } from './playwright/redis-politeness';
import type { Submitter } from './submitter.port';

/** The process's submitter: one Chromium, launched on first use, shared by every submission. `watch` sees its pool (metrics). */
export async function createSubmitter(config: AppConfig, watch?: (pool: BrowserPool) => void): Promise<Submitter> {
  const { browser, worker } = config;
  const pool = new BrowserPool({
    executablePath: browser.chromiumPath,
    maxConcurrency: worker.concurrency,
    retireAfter: browser.retireAfter,
    launchTimeoutMs: browser.launchTimeoutMs,
    reuseContexts: browser.contextReuse,
    extraArgs: browser.extraArgs,
  });
  watch?.(pool);
  const politeness = browser.redisUrl ? await connectRedis(browser.redisUrl, browser.politenessDelayMs) : undefined;
  return new PlaywrightSubmitter(pool, {
    evidenceDir: browser.evidenceDir,
    navigationTimeoutMs: browser.navigationTimeoutMs,
    submitTimeoutMs: browser.submitTimeoutMs,
    politenessDelayMs: browser.politenessDelayMs,
    politeness,
    detectFields: detectFieldsInPage,
    directoryUrlAllowlist: destinationAllowlist(config),
    blockResources: browser.blockResources,
    evidence: { type: browser.evidenceFormat, quality: browser.evidenceJpegQuality },
    skipCoveredDetection: browser.skipCoveredDetection,
  });
}

async function connectRedis(url: string, gapMs: number): Promise<RedisPoliteness> {
  try {
    return await RedisPoliteness.connect(url, gapMs);
  } catch (error) {
    throw new Error(`REDIS_URL is set but Redis did not answer: ${(error as Error).message}`, { cause: error });
  }
}
