import type { AlertSeverity } from './alert-rules';

export type AlertState = 'firing' | 'resolved';
export type AlertChannel = 'slack' | 'pagerduty';

/** One firing, and its resolution once it cleared: what GET /api/admin/alerts lists and the console shows. */
export interface AlertView {
  readonly id: string;
  readonly rule: string;
  readonly key: string;
  readonly severity: AlertSeverity;
  readonly state: AlertState;
  readonly summary: string;
  readonly value: number;
  readonly threshold: number;
  readonly firedAt: string;
  readonly resolvedAt: string | null;
}

/** A recorded alert with the notifications it still owes. */
export interface UndeliveredAlert extends AlertView {
  readonly firePending: readonly AlertChannel[];
  readonly resolvePending: readonly AlertChannel[];
}
