import { Inject } from '@nestjs/common';
import { CommandRunner, Option, SubCommand } from 'nest-commander';
import type { Pool } from 'pg';
import { ALL_PROJECTIONS } from '../../projections/all-projections';
import { ProjectionHost } from '../../projections/runtime/projection-host';
import { rebuildAndWait } from '../read-models/rebuild-and-wait';
import { awaitedRebuildOptions } from '../read-models/runner-options';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { runMigrations } from '../database/migration-runner';
import { copyEventLog, type LogCopySummary } from '../event-store/log-copy/event-log-copy';
import { PostgresEventStore } from '../event-store/postgres/postgres.event-store';
import { openSource, openUrl, type CopyEndpoint } from './copy-endpoints';
import { lazyProgressBar } from './progress-bar';

interface CopyOptions {
  readonly from?: string;
  readonly to?: string;
  readonly batchSize?: number;
}

const DEFAULT_BATCH = 1000;

@SubCommand({
  name: 'copy',
  description:
    'copy the event log and the state beside it into a new, empty database (embedded → server, server → server), ' +
    're-sequencing the global order there, then rebuild the read models and check the counts',
})
export class EventsCopyCommand extends CommandRunner {
  @Inject(APP_CONFIG) private readonly config!: AppConfig;

  @Option({ flags: '--from <source>', description: 'postgres://… or embedded[:<data dir>] (default: embedded, this DATA_DIR)' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <url>', description: 'postgres://… of the target database: migrated here, must hold no events', required: true })
  parseTo(value: string): string {
    return value;
  }

  @Option({ flags: '--batch-size <n>', description: `events per target transaction (default ${DEFAULT_BATCH})` })
  parseBatchSize(value: string): number {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1 || n > 10_000) throw new Error('--batch-size must be an integer from 1 to 10000');
    return n;
  }

  async run(_: string[], options: CopyOptions = {}): Promise<void> {
    const target = openUrl(options.to!);
    let source: CopyEndpoint | null = null;
    try {
      source = await openSource(options.from ?? 'embedded', this.config.dataDir);
      console.log(`copying the event log from ${source.label} to ${target.label}`);
      await runMigrations(target.pool);
      await this.copy(source, target, options.batchSize ?? DEFAULT_BATCH);
      await this.rebuildReadModels(target.pool);
      console.log('done: start the app with DATABASE_URL set to the --to URL');
    } finally {
      await source?.close();
      await target.close();
    }
  }

  private async copy(source: CopyEndpoint, target: CopyEndpoint, batchSize: number): Promise<LogCopySummary> {
    let total: number | null = null;
    const bar = lazyProgressBar('events copy', null);
    const summary = await copyEventLog(source.pool, target.pool, batchSize, {
      onStart: (events) => (total = events),
      onEvents: (copied) => bar.update(copied),
    }).finally(() => bar.stop());
    console.log(`copied ${summary.events} of ${total ?? summary.events} events in ${summary.streams} streams, re-sequenced in the target`);
    const rows = [...summary.tables].filter(([table]) => table !== 'streams').map(([table, n]) => `${table} ${n}`);
    console.log(`copied rows: ${rows.join(', ')}`);
    for (const c of summary.checkpoints) console.log(`checkpoint ${c.subscriptionId}: ${c.source} → ${c.target ?? 'start'}`);
    console.log(
      `count check passed: ${summary.events} events in ${summary.streams} streams, each stream and the global order as in the source`,
    );
    return summary;
  }

  /** The same blue/green rebuild as `projections rebuild all --wait`, on the target. */
  private async rebuildReadModels(pool: Pool): Promise<void> {
    const store = new PostgresEventStore(pool, {
      maxEventBytes: this.config.maxEventBytes,
      pollIntervalMs: this.config.subscriptionPollMs,
      listen: false,
    });
    const options = awaitedRebuildOptions(this.config);
    const host = new ProjectionHost(pool, store, ALL_PROJECTIONS, { ...options, onError: () => undefined });
    try {
      await host.install();
      for (const projection of ALL_PROJECTIONS) {
        const bar = lazyProgressBar(`${projection.name} rebuild`, null);
        const outcome = await rebuildAndWait(pool, store, projection, options, {
          onProgress: (events) => bar.update(events),
          onError: (error) => console.error(`${projection.name}: ${(error as Error).message}`),
        }).finally(() => bar.stop());
        console.log(
          `${projection.name}: rebuilt on the target; generation g${outcome.generation} is live (${outcome.eventsApplied} events applied)`,
        );
      }
    } finally {
      await host.stop();
      await store.close();
    }
  }
}
