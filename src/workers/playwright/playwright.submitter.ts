import type { Page } from 'playwright';
import { cachingResolver, DestinationGuard } from '../../outbound/destination-guard';
import { clipText } from '../../shared/storable-text';
import type { BrowserLease, BrowserPool } from '../browser/browser-pool';
import { TimeoutExceededError, withTimeout } from '../browser/with-timeout';
import type { BrowserState, SubmissionOutcome, SubmissionRequest, Submitter, FormMapping } from '../submitter.port';
import { storableOutcome } from '../storable-outcome';
import { fenceDestinations, type DestinationFence } from './destination-fence';
import type { DetectFields } from './detected-form';
import type { BlockCategory } from '../../config/browser-config';
import { EvidenceRecorder, type EvidenceFormat } from './evidence';
import type { PhaseListener } from './submission-phases';
import { blockPolicy } from './resource-blocking';
import { fillFormSteps } from './form-steps';
import { browserErrorVerdict, openForm, refuseUrl } from './navigation';
import type { Verdict } from './outcome-classifier';
import { DomainPoliteness, type Politeness } from './politeness';
import { submitAndClassify } from './submit-and-wait';

export interface PlaywrightSubmitterOptions {
  readonly evidenceDir: string;
  readonly navigationTimeoutMs: number;
  readonly submitTimeoutMs: number;
  /** Minimum gap between two submissions to the same domain from this process. */
  readonly politenessDelayMs: number;
  /** Shared across processes (Redis); default: this process only, with politenessDelayMs. */
  readonly politeness?: Politeness;
  readonly detectFields: DetectFields;
  /** Hosts, IPs and CIDRs directory pages may reach although non-public (the local sandbox). */
  readonly directoryUrlAllowlist: readonly string[];
  /** BROWSER_BLOCK_RESOURCES; default none. */
  readonly blockResources?: readonly BlockCategory[];
  /** EVIDENCE_FORMAT / EVIDENCE_JPEG_QUALITY; default PNG. */
  readonly evidence?: EvidenceFormat;
  /** DETECTION_SKIP_WHEN_MAPPED; default false (detection always runs). */
  readonly skipCoveredDetection?: boolean;
  /** Benchmarks: told when each phase of a submission ends. */
  readonly phases?: PhaseListener;
}

interface FlowResult {
  readonly verdict: Verdict | { readonly kind: 'dry_run' };
  readonly mappingUsed: FormMapping | null;
  /** A frozen page would only stall the evidence step too. */
  readonly pageFrozen?: boolean;
}

const ABORTED: Verdict = { kind: 'transient', message: 'aborted' };
/** Slack over the sum of the step timeouts before the whole submission counts as a hung browser. */
const WATCHDOG_SLACK_MS = 5_000;
const MAX_WAITS = 5;

/** The Submitter port on Chromium. Owns the pool and politeness it is given: `close()` closes them. */
export class PlaywrightSubmitter implements Submitter {
  private readonly evidence: EvidenceRecorder;
  private readonly politeness: Politeness;

  constructor(
    private readonly pool: BrowserPool,
    private readonly options: PlaywrightSubmitterOptions,
  ) {
    this.evidence = new EvidenceRecorder(options.evidenceDir, options.evidence);
    this.politeness = options.politeness ?? new DomainPoliteness(options.politenessDelayMs);
  }

  async submit(request: SubmissionRequest, signal?: AbortSignal): Promise<SubmissionOutcome> {
    const refused = refuseUrl(request.directory.submissionUrl);
    if (refused) return outcome(refused, null, null);
    // One lookup per host for the whole submission; checked here, and again for every request the page makes.
    const guard = new DestinationGuard(this.options.directoryUrlAllowlist, cachingResolver());
    const destination = await guard.check(request.directory.submissionUrl);
    if (!destination.allowed) return outcome({ kind: 'permanent', message: `directory URL refused: ${destination.reason}` }, null, null);
    if (signal?.aborted || !(await this.politeness.wait(domainOf(request), signal))) return outcome(ABORTED, null, null);
    let lease: BrowserLease;
    try {
      lease = await this.pool.acquire(signal);
      this.options.phases?.('context');
    } catch (error) {
      if (signal?.aborted) return outcome(ABORTED, null, null);
      return outcome({ kind: 'transient', message: `browser unavailable: ${firstLine(error)}` }, null, null);
    }
    try {
      return await this.runLeased(lease, request, guard, signal);
    } finally {
      void lease.release();
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.close(), this.politeness.close()]);
  }

  browserState(): BrowserState {
    const { launched, launches, active } = this.pool.stats();
    return { launched, restarts: Math.max(0, launches - 1), openContexts: active };
  }

  private async runLeased(
    lease: BrowserLease,
    request: SubmissionRequest,
    guard: DestinationGuard,
    signal?: AbortSignal,
  ): Promise<SubmissionOutcome> {
    // A flow still running on the page (abort) or a frozen page must never hand its context on.
    const result = await raceAbort(this.guardedFlow(lease, request, guard), signal, () => void lease.discard());
    if (!result) return outcome(ABORTED, null, null);
    if (result.pageFrozen) void lease.discard();
    const failed = result.verdict.kind !== 'success' && result.verdict.kind !== 'dry_run' && result.verdict.kind !== 'duplicate';
    const evidencePath = signal?.aborted || result.pageFrozen ? null : await this.evidence.record(lease.page, request, failed);
    this.options.phases?.('evidence');
    return outcome(result.verdict, result.mappingUsed, evidencePath);
  }

  /** Every await in the flow has its own timeout; this catches what slips through (a frozen browser). */
  private async guardedFlow(lease: BrowserLease, request: SubmissionRequest, guard: DestinationGuard): Promise<FlowResult> {
    const { navigationTimeoutMs, submitTimeoutMs } = this.options;
    const limit = navigationTimeoutMs + submitTimeoutMs * MAX_WAITS + WATCHDOG_SLACK_MS;
    try {
      return await withTimeout(this.fencedFlow(lease, request, guard), limit, 'submission');
    } catch (error) {
      if (!(error instanceof TimeoutExceededError)) throw error;
      lease.reportHung();
      return { verdict: { kind: 'transient', message: 'the browser stopped responding' }, mappingUsed: null, pageFrozen: true };
    }
  }

  /** A page the fence refused (a redirect or a form posting to a forbidden address) decides the outcome. */
  private async fencedFlow(lease: BrowserLease, request: SubmissionRequest, guard: DestinationGuard): Promise<FlowResult> {
    let fence: DestinationFence;
    try {
      fence = await fenceDestinations(lease.page, guard, {
        block: blockPolicy(this.options.blockResources ?? [], request.directory.submissionUrl),
        onOrigin: (origin) => lease.origins.add(origin),
      });
    } catch (error) {
      return { verdict: browserErrorVerdict(error), mappingUsed: null };
    }
    // The fence stays up through the evidence: only a page that left the site goes unfenced.
    lease.beforeReuse.push(() => fence.detach());
    const result = await this.flow(lease.page, request);
    const refusal = fence.refusal();
    return refusal ? { verdict: { kind: 'permanent', message: `refused to load ${refusal}` }, mappingUsed: result.mappingUsed } : result;
  }

  private async flow(page: Page, request: SubmissionRequest): Promise<FlowResult> {
    const { navigationTimeoutMs, submitTimeoutMs, phases } = this.options;
    page.setDefaultTimeout(submitTimeoutMs);
    try {
      const landing = await openForm(page, request.directory.submissionUrl, navigationTimeoutMs);
      phases?.('form load');
      if (!landing.ok) return { verdict: landing.verdict, mappingUsed: null };
      const steps = await fillFormSteps(page, {
        mapping: request.directory.formMapping,
        business: request.business,
        detectFields: this.options.detectFields,
        stepTimeoutMs: submitTimeoutMs,
        skipCoveredDetection: this.options.skipCoveredDetection === true,
        phases,
      });
      if (steps.kind === 'stopped') return { verdict: steps.verdict, mappingUsed: steps.mappingUsed };
      if (request.dryRun) return { verdict: { kind: 'dry_run' }, mappingUsed: steps.mappingUsed };
      return { verdict: await submitAndClassify(page, landing.status, submitTimeoutMs, phases), mappingUsed: steps.mappingUsed };
    } catch (error) {
      return { verdict: browserErrorVerdict(error), mappingUsed: null };
    }
  }
}

/** Resolves null on abort (after running `onAbort`, which closes the context under the flow). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined, onAbort: () => void): Promise<T | null> {
  if (!signal) return work;
  work.catch(() => undefined);
  return new Promise<T | null>((resolve, reject) => {
    const abort = (): void => {
      onAbort();
      resolve(null);
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function outcome(
  verdict: Verdict | { readonly kind: 'dry_run' },
  mappingUsed: FormMapping | null,
  evidencePath: string | null,
): SubmissionOutcome {
  // The port's promise: every string in an outcome can be stored as it is.
  return storableOutcome({ ...verdict, mappingUsed, evidencePath });
}

function domainOf(request: SubmissionRequest): string {
  if (request.directory.domain) return request.directory.domain;
  try {
    return new URL(request.directory.submissionUrl).hostname;
  } catch {
    return request.directory.submissionUrl;
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return clipText(message.split('\n')[0] ?? '', 200);
}
