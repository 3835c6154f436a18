import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import type { JobStatsRow } from '../../projections/jobs/job-stats';
import { ProjectionHost } from '../../projections/runtime/projection-host';
import { firingByRule } from '../alerts/alerts-firing-gauge';
import { API_KEY_STATUSES } from '../auth/api-keys/api-key-status';
import { apiKeyCounts } from '../auth/api-keys/api-key-metrics';
import { ApiKeys } from '../auth/api-keys/api-keys.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { ReadBatch, type SqlReader } from '../database/read-batch';
import { MESSAGE_QUEUE, PRIORITIES, type MessageQueue, type QueueDepth } from '../queue/queue.port';
import { ScalingSignal } from '../scaling/scaling-signal.service';
import { JobDurationMetric } from './job-duration-metric';
import { MappingHealthGauges } from './mapping-health-metrics';

const QUEUE_STATES = ['visible', 'delayed', 'inFlight'] as const;
const WORKER_STATES = ['alive', 'stale', 'stopped'] as const;

const WORKERS_SQL = `
  SELECT CASE WHEN status = 'stopped' THEN 'stopped'
              WHEN status = 'error' OR last_heartbeat < now() - make_interval(secs => $1 / 1000.0) THEN 'stale'
              ELSE 'alive' END AS state,
         count(*)::int AS n
  FROM worker_heartbeats GROUP BY 1`;

/**
 * What the whole fleet shares, read from the database (and the queue) at scrape time: queue
 * depth, dead letters, jobs, workers, projection lag, API keys. Only processes with
 * `metricsFleet` (by default those with the `api` role) add these, so a worker or projector
 * scraped beside the API never repeats them; several API processes each report the same value,
 * which a dashboard reads with max(), never sum().
 */
@Injectable()
export class FleetMetrics {
  readonly registry = new Registry();
  /** Gauges without labels: always shown, so an unreadable value is NaN rather than absent. */
  private readonly scalars = new Set<Gauge<string>>();
  private readonly gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> => {
    const gauge = new Gauge({ name, help, labelNames, registers: [this.registry] });
    if (labelNames.length === 0) this.scalars.add(gauge);
    return gauge;
  };

  private readonly queueMessages = this.gauge('dbolt_queue_messages', 'Queue messages by priority tier and state.', ['tier', 'state']);
  private readonly deadLetters = this.gauge('dbolt_queue_dead_letters', 'Messages in the dead-letter queue.', []);
  private readonly jobs = this.gauge('dbolt_jobs', 'Jobs by status (jobs read model).', ['status']);
  private readonly jobDuration = new JobDurationMetric(this.registry);
  private readonly workers = this.gauge(
    'dbolt_workers',
    'Workers by heartbeat: alive, stale (silent past WORKER_STALE_AFTER_MS or errored), stopped.',
    ['state'],
  );
  private readonly lagEvents = this.gauge('dbolt_projection_lag_events', "Events in the log past the projection's checkpoint.", [
    'projection',
  ]);
  private readonly lagSeconds = this.gauge(
    'dbolt_projection_lag_seconds',
    'Age of the oldest event the projection has not applied (0 when caught up).',
    ['projection'],
  );
  private readonly apiKeys = this.gauge('dbolt_api_keys', 'API keys by status.', ['status']);
  private readonly apiKeysStale = this.gauge(
    'dbolt_api_keys_stale',
    'Usable API keys older than API_KEY_STALE_DAYS: due for rotation.',
    [],
  );
  private readonly desiredWorkers = this.gauge(
    'dbolt_scaling_desired_workers',
    'Workers the fleet should run now (GET /api/admin/scaling): from queue depth per live worker and throughput, within SCALING_MIN/MAX_WORKERS.',
    [],
  );
  private readonly alertsFiring = this.gauge('dbolt_alerts_firing', 'Alerts firing now, by rule (GET /api/admin/alerts).', ['rule']);
  private readonly mappings = new MappingHealthGauges(this.registry);
  private readonly readFailed = this.gauge(
    'dbolt_fleet_read_failed',
    'A fleet-wide source that could not be read at this scrape (1); its metrics are left out.',
    ['source'],
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Database) private readonly database: Database,
    @Inject(MESSAGE_QUEUE) private readonly queue: MessageQueue,
    @Inject(ApiKeys) private readonly keys: ApiKeys,
    @Inject(ProjectionHost) private readonly host: ProjectionHost,
    @Inject(ScalingSignal) private readonly scaling: ScalingSignal,
  ) {}

  get enabled(): boolean {
    return this.config.metricsFleet;
  }

  /** At most one read at a time: scrapes that arrive while one is under way share its answer. */
  private reading: Promise<string> | null = null;

  /** Empty where the fleet gauges are off. */
  async text(): Promise<string> {
    if (!this.enabled) return '';
    this.reading ??= this.read().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async read(): Promise<string> {
    // Read once for the queue gauges and the scaling signal; a rejection is handled by each reader.
    const depth = this.queue.depth();
    // The database reads below go out together, one round trip per stage rather than one each.
    const reader = new ReadBatch(this.database.pool);
    depth.catch(() => undefined);
    const sources: Readonly<Record<string, { read: () => Promise<void>; gauges: readonly Gauge<string>[] }>> = {
      queue: { read: () => this.readQueue(depth), gauges: [this.queueMessages, this.deadLetters] },
      jobs: { read: () => this.readJobs(reader), gauges: [this.jobs] },
      workers: { read: () => this.readWorkers(reader), gauges: [this.workers] },
      projections: { read: () => this.readProjections(reader), gauges: [this.lagEvents, this.lagSeconds] },
      api_keys: { read: () => this.readKeys(reader), gauges: [this.apiKeys, this.apiKeysStale] },
      alerts: { read: () => this.readAlerts(reader), gauges: [this.alertsFiring] },
      mappings: { read: () => this.mappings.read(reader), gauges: this.mappings.gauges },
      scaling: {
        read: async () => void this.desiredWorkers.set((await this.scaling.decide(depth, reader)).desiredWorkers),
        gauges: [this.desiredWorkers],
      },
    };
    // One source down (SQS unreachable, say) must not blank the whole scrape: its values are
    // left out (NaN where a metric has no labels), and dbolt_fleet_read_failed says which.
    await Promise.all(
      Object.entries(sources).map(async ([source, { read, gauges }]) => {
        const ok = await read().then(
          () => true,
          () => false,
        );
        this.readFailed.set({ source }, ok ? 0 : 1);
        if (!ok) for (const gauge of gauges) this.unknown(gauge);
      }),
    );
    return this.registry.metrics();
  }

  // Each read resets its gauges only once the answer is in, so a concurrent scrape never sees them empty.
  private async readQueue(read: Promise<QueueDepth>): Promise<void> {
    const depth = await read;
    for (const tier of PRIORITIES) for (const state of QUEUE_STATES) this.queueMessages.set({ tier, state }, depth.tiers[tier][state]);
    this.deadLetters.set(depth.deadLetters);
  }

  private async readJobs(reader: SqlReader): Promise<void> {
    // job_stats exists once the jobs projection (version 2 on) has built it; until then there is nothing to count.
    const { rows } = await reader
      .query<JobStatsRow>('SELECT status, bucket, jobs, duration_ms::float8 AS duration_ms FROM job_stats')
      .catch(() => ({ rows: [] as JobStatsRow[] }));
    const byStatus = new Map<string, number>();
    for (const row of rows) byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.jobs);
    this.jobs.reset();
    for (const [status, n] of byStatus) this.jobs.set({ status }, n);
    this.jobDuration.update(rows);
  }

  private async readWorkers(reader: SqlReader): Promise<void> {
    const { rows } = await reader.query<{ state: string; n: number }>(WORKERS_SQL, [this.config.worker.staleAfterMs]);
    for (const state of WORKER_STATES) this.workers.set({ state }, rows.find((row) => row.state === state)?.n ?? 0);
  }

  private async readProjections(reader: SqlReader): Promise<void> {
    const statuses = await this.host.status(reader);
    this.lagEvents.reset();
    this.lagSeconds.reset();
    for (const { name, lag } of statuses) {
      if (!lag) continue; // an adapter without a lag probe (EventStoreDB)
      this.lagEvents.set({ projection: name }, lag.events);
      this.lagSeconds.set({ projection: name }, lag.seconds);
    }
  }

  private async readAlerts(reader: SqlReader): Promise<void> {
    for (const [rule, n] of await firingByRule(reader)) this.alertsFiring.set({ rule }, n);
  }

  private async readKeys(reader: SqlReader): Promise<void> {
    const counts = apiKeyCounts(await this.keys.list(reader));
    for (const status of API_KEY_STATUSES) this.apiKeys.set({ status }, counts.byStatus[status]);
    this.apiKeysStale.set(counts.stale);
  }

  /** A labelled gauge loses its series; one without labels reads NaN. */
  private unknown(gauge: Gauge<string>): void {
    gauge.reset();
    if (this.scalars.has(gauge)) gauge.set(Number.NaN);
  }
}
