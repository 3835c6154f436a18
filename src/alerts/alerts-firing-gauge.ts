import type { SqlReader } from '../database/read-batch';
import { ALERT_RULE_NAMES } from './alert-rules';

/** Firing alerts per rule, every rule listed (0 when quiet), for `dbolt_alerts_firing{rule}`. */
export async function firingByRule(pool: SqlReader): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ rule: string; n: number }>(
    `SELECT rule, count(*)::int AS n FROM alerts WHERE state = 'firing' GROUP BY rule`,
  );
  const counts = new Map(ALERT_RULE_NAMES.map((rule) => [rule, 0]));
  for (const row of rows) counts.set(row.rule, row.n);
  return counts;
}
