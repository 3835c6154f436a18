/** What a scenario needs from a queue under test; one driver per queue. */
export interface Claimed<H> {
  readonly key: string;
  readonly handle: H;
}

export interface QueueDriver<H> {
  readonly label: string;
  /** An empty queue, fresh for the next scenario (untimed). */
  reset(): Promise<void>;
  sendOne(key: string): Promise<void>;
  /** One call with all of them (as the queue's own batch API takes them). */
  sendMany(keys: readonly string[]): Promise<void>;
  /**
   * One claim call of up to `max`. With `waiting`, an empty queue is waited on the queue's own
   * way (long poll, or pg-boss's fetch-then-sleep); otherwise it returns at once.
   */
  claim(max: number, waiting: boolean): Promise<Claimed<H>[]>;
  complete(claimed: readonly Claimed<H>[]): Promise<void>;
  close(): Promise<void>;
}
