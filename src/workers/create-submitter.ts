import type { AppConfig } from '../config/app-config';
import { BrowserPool } from './browser/browser-pool';
import { detectFieldsInPage } from './playwright/detect-fields';
import { PlaywrightSubmitter } from './playwright/playwright.submitter';
import type { Submitter } from './submitter.port';

/** The process's submitter: one Chromium, launched on first use, shared by every submission. */
export function createSubmitter(config: AppConfig): Submitter {
  const { browser, worker } = config;
  const pool = new BrowserPool({
    executablePath: browser.chromiumPath,
    maxConcurrency: worker.concurrency,
    retireAfter: browser.retireAfter,
    launchTimeoutMs: browser.launchTimeoutMs,
  });
  return new PlaywrightSubmitter(pool, {
    evidenceDir: browser.evidenceDir,
    navigationTimeoutMs: browser.navigationTimeoutMs,
    submitTimeoutMs: browser.submitTimeoutMs,
    politenessDelayMs: browser.politenessDelayMs,
    detectFields: detectFieldsInPage,
  });
}
