import type { ListingField } from '../src/workers/submitter.port';
import type { SandboxRequestRecord } from './request-log';

/** What a correct, fully automated submitter should end up with on a site's instance. */
export type ExpectedOutcome = 'success' | 'duplicate' | 'needs_manual:captcha' | 'needs_manual:login' | 'transient-then-success';

export type SiteBehaviour = 'plain' | 'wizard-nav' | 'wizard-js' | 'slow' | 'flaky' | 'captcha' | 'login' | 'exists';

export type RejectionReason = 'validation' | 'duplicate' | 'honeypot' | 'captcha' | 'login' | 'transient';

/** Public description of a site template (what tests and the catalog may rely on). */
export interface SandboxSite {
  readonly id: string;
  readonly name: string;
  readonly behaviour: SiteBehaviour;
  /** Path of the listing form below the instance root, e.g. `add-listing`. */
  readonly submitPath: string;
  readonly fields: readonly ListingField[];
  readonly expectedOutcome: ExpectedOutcome;
  readonly requiresLogin: boolean;
  readonly hasCaptcha: boolean;
  readonly hasHoneypot: boolean;
  readonly requiresTerms: boolean;
  readonly multipart: boolean;
}

export interface AcceptedSubmission {
  readonly siteId: string;
  /** `<siteId>-<n>`: dedupe and state are per instance. */
  readonly instance: string;
  /** As received; file inputs summarised as `{"filename":…,"size":…}`. */
  readonly fields: Readonly<Record<string, string>>;
  /** Always false today: a filled honeypot is recorded in `rejected()` instead (reason honeypot). */
  readonly honeypotFilled: boolean;
  readonly receivedAt: string;
}

export interface RejectedSubmission {
  readonly siteId: string;
  readonly instance: string;
  readonly reason: RejectionReason;
  /** Human-readable; for validation, what was missing or malformed. */
  readonly detail: string;
  /** Listing fields (or `terms`) that were missing or malformed; empty unless reason is validation. */
  readonly missing: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
  readonly receivedAt: string;
}

export interface SandboxOptions {
  /** 0 (default) picks a free port, the same on every address. */
  readonly port?: number;
  /** 127.0.0.1 (default): multi-origin (sandbox-addresses.ts); any other host: every site on that one origin. */
  readonly host?: string;
  /** Delay of the `slow` site on the form and on the POST; default 3000. */
  readonly slowMs?: number;
  /** POSTs per listing that the `flaky` site fails before accepting; default 2. */
  readonly flakyFailFirst?: number;
  /** Extra random failure probability of the `flaky` site after the first ones; default 0. */
  readonly flakyRate?: number;
  readonly seed?: number;
}

export interface Sandbox {
  /** The control host: index, `/__sandbox/…` endpoints, and every site by path. */
  readonly baseUrl: string;
  /** Where the heavy sites load their scripts, stylesheet, font and hero image from; null when single-origin. */
  readonly thirdPartyOrigin: string | null;
  readonly sites: readonly SandboxSite[];
  accepted(): readonly AcceptedSubmission[];
  rejected(): readonly RejectedSubmission[];
  /** The last requests to sites and the third-party origin, with their Sec-Fetch-Site (bounded; cleared by reset). */
  requests(): readonly SandboxRequestRecord[];
  /** The origin of instance `n` of a site: its own loopback address when multi-origin. */
  siteOrigin(siteId: string, instance: number): string;
  /** Absolute URL of instance `n` of a site's listing form, on its own origin. */
  submissionUrl(siteId: string, instance: number): string;
  reset(): void;
  close(): Promise<void>;
}
