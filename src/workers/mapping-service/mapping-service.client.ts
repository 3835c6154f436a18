import type { MappingServiceConfig } from '../../config/mapping-service-config';
import { CircuitBreaker, CircuitOpenError, type BreakerSnapshot } from '../../queue/circuit-breaker';
import { parseMappingAnswer, type MappingAnswer, type MappingServiceRequest } from './mapping-service.contract';

export type ServiceReply =
  | { readonly kind: 'answered'; readonly answers: readonly MappingAnswer[] }
  /** Down, slow, an error status or an invalid answer: detection alone decides. */
  | { readonly kind: 'failed'; readonly reason: string }
  /** The breaker is open: not asked at all. */
  | { readonly kind: 'refused'; readonly reason: string };

export interface MappingServiceStats {
  readonly requests: Readonly<Record<ServiceReply['kind'], number>>;
  readonly breaker: BreakerSnapshot;
}

class ServiceFailure extends Error {}

/** POSTs one request with a timeout, behind a circuit breaker; never throws. */
export class MappingServiceClient {
  private readonly breaker: CircuitBreaker;
  private readonly counts: Record<ServiceReply['kind'], number> = { answered: 0, failed: 0, refused: 0 };

  constructor(
    private readonly config: MappingServiceConfig & { readonly url: string },
    private readonly fetchImpl: typeof fetch = fetch,
    now?: () => number,
  ) {
    this.breaker = new CircuitBreaker('mapping-service', config.breakerThreshold, config.breakerCooldownMs, now);
  }

  async ask(request: MappingServiceRequest): Promise<ServiceReply> {
    const reply = await this.breaker
      .run(() => this.post(request))
      .then(
        (answers): ServiceReply => ({ kind: 'answered', answers }),
        (error: unknown): ServiceReply =>
          error instanceof CircuitOpenError ? { kind: 'refused', reason: error.message } : { kind: 'failed', reason: reasonOf(error) },
      );
    this.counts[reply.kind] += 1;
    return reply;
  }

  stats(): MappingServiceStats {
    return { requests: { ...this.counts }, breaker: this.breaker.snapshot() };
  }

  private async post(request: MappingServiceRequest): Promise<readonly MappingAnswer[]> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.config.token) headers.authorization = `Bearer ${this.config.token}`;
    // One budget for connecting, the status and the whole body: a service that trickles its answer is slow too.
    const signal = AbortSignal.timeout(this.config.timeoutMs);
    let body: string;
    try {
      const response = await this.fetchImpl(this.config.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(request),
        signal,
        redirect: 'error',
      });
      body = await response.text();
      if (!response.ok) throw new ServiceFailure(`HTTP ${response.status}`);
    } catch (error) {
      if (error instanceof ServiceFailure) throw error;
      if (signal.aborted) throw new ServiceFailure(`no answer within ${this.config.timeoutMs} ms`);
      throw new ServiceFailure(`unreachable (${causeOf(error)})`);
    }
    const parsed = parseMappingAnswer(body);
    if (!parsed.ok) throw new ServiceFailure(`invalid answer: ${parsed.problem}`);
    return parsed.answers;
  }
}

interface ErrorLike {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly cause?: unknown;
}

// Duck-typed: fetch's errors may come from another realm (a test runner's), where instanceof Error is false.
const asErrorLike = (value: unknown): ErrorLike => (typeof value === 'object' && value !== null ? value : {});

function reasonOf(error: unknown): string {
  const { message } = asErrorLike(error);
  return typeof message === 'string' ? message : String(error);
}

/** fetch's own message is "fetch failed"; the cause says why (ECONNREFUSED, a closed socket, a DNS failure). */
function causeOf(error: unknown): string {
  const cause = asErrorLike(asErrorLike(error).cause);
  if (typeof cause.code === 'string') return cause.code;
  return typeof cause.message === 'string' ? cause.message : reasonOf(error);
}
