/** Where a submission's time and CPU go, in order; the benchmark's split. */
export const SUBMISSION_PHASES = ['context', 'form load', 'detection', 'fill', 'submit', 'result page', 'evidence'] as const;
export type SubmissionPhase = (typeof SUBMISSION_PHASES)[number];

/**
 * Called as each phase ends: everything since the previous call belongs to the phase named (a
 * wizard names detection and fill once per step). Optional everywhere; only benchmarks listen.
 */
export type PhaseListener = (ended: SubmissionPhase) => void;
