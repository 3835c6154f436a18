import { isAbsolute, join } from 'node:path';
import type { EnvReader } from './env-reader';

export interface BrowserConfig {
  /** Debian's Chromium; never a downloaded browser (docs/requirements.md R-WORK-1). */
  readonly chromiumPath: string;
  /** Screenshots and failure HTML, one folder per job. */
  readonly evidenceDir: string;
  /** Submissions per browser before it is retired and relaunched (leaks, fragmentation). */
  readonly retireAfter: number;
  readonly launchTimeoutMs: number;
  readonly navigationTimeoutMs: number;
  readonly submitTimeoutMs: number;
  /** Minimum gap between two submissions to the same directory domain. */
  readonly politenessDelayMs: number;
  /** Shares that gap between all worker processes; absent: each process keeps its own. */
  readonly redisUrl: string | null;
  /** On SIGTERM: how long running submissions may take before they are aborted and released. */
  readonly shutdownGraceMs: number;
}

export interface DemoConfig {
  /** Start the local directory sandbox, seed the catalog with it and run a demo job at boot. */
  readonly enabled: boolean;
  readonly sandboxPort: number;
  readonly directories: number;
}

export function readBrowserConfig(read: EnvReader, dataDir: string): BrowserConfig {
  const evidenceDir = read.string('EVIDENCE_DIR', join(dataDir, 'evidence'));
  return {
    chromiumPath: read.string('CHROMIUM_PATH', '/usr/bin/chromium'),
    evidenceDir: isAbsolute(evidenceDir) ? evidenceDir : join(dataDir, evidenceDir),
    retireAfter: read.int('BROWSER_RETIRE_AFTER', 200, 1, 100_000),
    launchTimeoutMs: read.int('BROWSER_LAUNCH_TIMEOUT_MS', 15_000, 1000, 300_000),
    navigationTimeoutMs: read.int('NAVIGATION_TIMEOUT_MS', 15_000, 100, 300_000),
    submitTimeoutMs: read.int('SUBMIT_TIMEOUT_MS', 15_000, 100, 300_000),
    politenessDelayMs: read.int('POLITENESS_DELAY_MS', 1000, 0, 600_000),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    shutdownGraceMs: read.int('WORKER_SHUTDOWN_GRACE_MS', 30_000, 0, 600_000),
  };
}

export function readDemoConfig(read: EnvReader, embedded: boolean): DemoConfig {
  return {
    enabled: read.bool('DEMO', embedded),
    sandboxPort: read.int('SANDBOX_PORT', 0, 0, 65535),
    directories: read.int('DEMO_DIRECTORIES', 14, 1, 500),
  };
}
