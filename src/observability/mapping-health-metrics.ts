import { Gauge, type Registry } from 'prom-client';
import type { SqlReader } from '../database/read-batch';
import { readMappingHealth } from '../directories/mapping-health/mapping-health.repository';

/** Per directory, how its mapping fares (directory_mapping_health), read at scrape time. */
export class MappingHealthGauges {
  private readonly submissions: Gauge<'directory' | 'result'>;
  private readonly successRate: Gauge<'directory'>;
  private readonly redetections: Gauge<'directory'>;
  private readonly lastFailure: Gauge<'directory'>;

  constructor(registry: Registry) {
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> =>
      new Gauge({ name, help, labelNames, registers: [registry] });
    this.submissions = gauge(
      'dbolt_directory_mapping_submissions',
      "Submissions that tested a directory's mapping, by result (succeeded, failed).",
      ['directory', 'result'],
    );
    this.successRate = gauge('dbolt_directory_mapping_success_rate', "Share of a directory's counted submissions that succeeded.", [
      'directory',
    ]);
    this.redetections = gauge(
      'dbolt_directory_mapping_redetections',
      'Times a learned selector of the directory stopped matching and detection found the field again.',
      ['directory'],
    );
    this.lastFailure = gauge('dbolt_directory_mapping_last_failure_timestamp_seconds', "When the directory's mapping last failed.", [
      'directory',
    ]);
  }

  get gauges(): readonly Gauge<string>[] {
    return [this.submissions, this.successRate, this.redetections, this.lastFailure];
  }

  async read(pool: SqlReader): Promise<void> {
    const health = await readMappingHealth(pool, null);
    for (const gauge of this.gauges) gauge.reset();
    for (const [directory, h] of health) {
      this.submissions.set({ directory, result: 'succeeded' }, h.succeeded);
      this.submissions.set({ directory, result: 'failed' }, h.failed);
      if (h.successRate !== null) this.successRate.set({ directory }, h.successRate);
      this.redetections.set({ directory }, h.redetections);
      if (h.lastFailure) this.lastFailure.set({ directory }, Date.parse(h.lastFailure.at) / 1000);
    }
  }
}
