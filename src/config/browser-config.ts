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
  /** Keep a context and page per slot across submissions, every kind of site state cleared in between. */
  readonly contextReuse: boolean;
  /** Added to the launch flags (process model); a few that weaken isolation or safety are refused. */
  readonly extraArgs: readonly string[];
  /** What the page may not load: `heavy` (images, media, fonts…), `trackers`, `third-party`; empty: nothing. */
  readonly blockResources: readonly BlockCategory[];
  readonly evidenceFormat: 'png' | 'jpeg';
  readonly evidenceJpegQuality: number;
  /** Skip field detection when the curated mapping claimed every visible control of the form. */
  readonly skipCoveredDetection: boolean;
}

export const BLOCK_CATEGORIES = ['none', 'heavy', 'trackers', 'third-party'] as const;
export type BlockCategory = Exclude<(typeof BLOCK_CATEGORIES)[number], 'none'>;

/** Flags that put the browser in one process, turn off web security, or open it to others. */
const REFUSED_ARGS =
  /^--(single-process|in-process-gpu|disable-web-security|remote-debugging|user-data-dir|proxy-server|allow-running-insecure-content)/i;

export interface DemoConfig {
  /** Start the local directory sandbox, seed the catalog with it and run a demo job at boot. */
  readonly enabled: boolean;
  readonly sandboxPort: number;
  readonly directories: number;
}

export function readBrowserConfig(read: EnvReader, dataDir: string, problems: string[]): BrowserConfig {
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
    contextReuse: read.bool('BROWSER_CONTEXT_REUSE', true),
    extraArgs: readExtraArgs(read.string('BROWSER_EXTRA_ARGS', ''), problems),
    blockResources: read
      .list('BROWSER_BLOCK_RESOURCES', BLOCK_CATEGORIES, ['heavy', 'trackers'])
      .filter((item): item is BlockCategory => item !== 'none'),
    evidenceFormat: read.oneOf('EVIDENCE_FORMAT', ['png', 'jpeg'] as const, 'jpeg'),
    evidenceJpegQuality: read.int('EVIDENCE_JPEG_QUALITY', 60, 1, 100),
    skipCoveredDetection: read.bool('DETECTION_SKIP_WHEN_MAPPED', true),
  };
}

/** Space-separated `--flag` or `--flag=value` words. */
export function readExtraArgs(raw: string, problems: string[]): readonly string[] {
  const args = raw.split(/\s+/).filter((arg) => arg !== '');
  const bad = args.filter((arg) => !/^--[a-z0-9][a-z0-9-]*(=[^\s]*)?$/i.test(arg));
  const refused = args.filter((arg) => REFUSED_ARGS.test(arg));
  if (bad.length > 0) problems.push(`BROWSER_EXTRA_ARGS must be space-separated --flag or --flag=value words, got "${bad.join(' ')}"`);
  if (refused.length > 0) problems.push(`BROWSER_EXTRA_ARGS may not weaken isolation or safety: ${refused.join(' ')}`);
  return bad.length > 0 || refused.length > 0 ? [] : args;
}

export function readDemoConfig(read: EnvReader, embedded: boolean): DemoConfig {
  return {
    enabled: read.bool('DEMO', embedded),
    sandboxPort: read.int('SANDBOX_PORT', 0, 0, 65535),
    directories: read.int('DEMO_DIRECTORIES', 14, 1, 500),
  };
}
