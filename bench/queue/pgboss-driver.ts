import PgBoss from 'pg-boss';
import { connectionStringFor } from '../shared/bench-server';
import { CLAIM_MAX, PGBOSS_EMPTY_SLEEP_MS, POOL_SIZE } from './bench-config';
import { payloadFor, type BenchPayload } from './bench-message';
import type { Claimed, QueueDriver } from './queue-driver';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * pg-boss 10.4.2 on the same database (its own `pgboss` schema). Its `work()` sleeps its polling
 * interval after every fetch, so its fair fast path is used instead: `fetch()` + `complete()`.
 * Supervision (maintenance) and cron scheduling are off so that no background work lands in a
 * timed phase; ours purges at most once a minute, on a receive.
 */
export class PgBossDriver implements QueueDriver<string> {
  readonly label = 'pg-boss 10.4.2';
  private queueName = '';
  private queues = 0;

  private constructor(private readonly boss: PgBoss) {}

  static async open(database: string): Promise<PgBossDriver> {
    const boss = new PgBoss({ connectionString: connectionStringFor(database), max: POOL_SIZE, supervise: false, schedule: false });
    boss.on('error', (error: Error) => console.error(`[pg-boss] ${error.message}`));
    await boss.start();
    return new PgBossDriver(boss);
  }

  /** A fresh queue (its own partition in pg-boss 10): completed jobs of earlier phases stay behind. */
  async reset(): Promise<void> {
    this.queueName = `bench_q${++this.queues}`;
    await this.boss.createQueue(this.queueName);
  }

  async sendOne(key: string): Promise<void> {
    const id = await this.boss.send(this.queueName, payloadFor(key));
    if (id === null) throw new Error(`pg-boss send returned null for ${key}: is the queue created?`);
  }

  sendMany(keys: readonly string[]): Promise<void> {
    return this.boss.insert(keys.map((key) => ({ name: this.queueName, data: payloadFor(key) })));
  }

  async claim(max: number, waiting: boolean): Promise<Claimed<string>[]> {
    const jobs = await this.boss.fetch<BenchPayload>(this.queueName, { batchSize: Math.min(max, CLAIM_MAX) });
    if (jobs.length === 0 && waiting) await sleep(PGBOSS_EMPTY_SLEEP_MS);
    return jobs.map((job) => ({ key: job.data.key, handle: job.id }));
  }

  complete(claimed: readonly Claimed<string>[]): Promise<void> {
    return this.boss.complete(
      this.queueName,
      claimed.map((c) => c.handle),
    );
  }

  close(): Promise<void> {
    return this.boss.stop({ graceful: false, wait: true });
  }
}
