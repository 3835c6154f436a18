import type { AppConfig } from '../config/app-config';
import { destinationAllowlist } from '../outbound/destination-guard';
import { BrowserPool } from './browser/browser-pool';
import type { MappingServiceClient } from './mapping-service/mapping-service.client';
import { fieldDetection } from './mapping-service/field-detection.factory';
import { PlaywrightSubmitter } from './playwright/playwright.submitter';
import { RedisPoliteness } from './playwright/redis-politeness';
import type { Submitter } from './submitter.port';

/** The process's submitter: one Chromium, launched on first use, shared by every submission. `watch` sees its pool (metrics). */
export async function createSubmitter(
  config: AppConfig,
  watch?: (pool: BrowserPool) => void,
  mappingService?: { readonly log: (message: string) => void; readonly watch?: (client: MappingServiceClient) => void },
): Promise<Submitter> {
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
    detectFields: fieldDetection(config.mappingService, mappingService?.log ?? (() => undefined), mappingService?.watch),
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
