import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** docs/operations: the dashboard, the scrape example and any Prometheus rules files. */
export const OPERATIONS_DIR = join(__dirname, '..', '..', 'docs', 'operations');

/** One PromQL expression shipped in docs/operations, with where it is (for a failure message). */
export interface ShippedQuery {
  readonly where: string;
  readonly expr: string;
}

interface GrafanaPanel {
  readonly title?: string;
  readonly panels?: readonly GrafanaPanel[];
  readonly targets?: readonly { readonly refId?: string; readonly expr?: string }[];
}

/** Every target's `expr` of every panel, rows' nested panels included. */
export function dashboardQueries(file = 'grafana-dashboard.json'): ShippedQuery[] {
  const dashboard = JSON.parse(readFileSync(join(OPERATIONS_DIR, file), 'utf8')) as { panels?: readonly GrafanaPanel[] };
  const walk = (panels: readonly GrafanaPanel[]): ShippedQuery[] =>
    panels.flatMap((panel) => [
      ...(panel.targets ?? [])
        .filter((target) => target.expr !== undefined)
        .map((target) => ({ where: `${file} › ${panel.title ?? '(untitled)'} › ${target.refId ?? '?'}`, expr: String(target.expr) })),
      ...walk(panel.panels ?? []),
    ]);
  return walk(dashboard.panels ?? []);
}

/** The panels' titles, rows' nested panels included. */
export function dashboardTitles(file = 'grafana-dashboard.json'): string[] {
  const dashboard = JSON.parse(readFileSync(join(OPERATIONS_DIR, file), 'utf8')) as { panels?: readonly GrafanaPanel[] };
  const walk = (panels: readonly GrafanaPanel[]): string[] => panels.flatMap((p) => [p.title ?? '', ...walk(p.panels ?? [])]);
  return walk(dashboard.panels ?? []);
}

interface RulesFile {
  readonly groups?: readonly { readonly name?: string; readonly rules?: readonly { alert?: string; record?: string; expr?: unknown }[] }[];
}

/** The Prometheus rules files in docs/operations (`*.rules.yml`): there may be none. */
export function rulesFiles(): string[] {
  return readdirSync(OPERATIONS_DIR)
    .filter((name) => name.endsWith('.rules.yml'))
    .sort();
}

/** Every rule's `expr` in a rules file, and the series its recording rules define (which other queries may read). */
export function rulesQueries(file: string): { queries: ShippedQuery[]; recorded: string[] } {
  const parsed = parse(readFileSync(join(OPERATIONS_DIR, file), 'utf8')) as RulesFile | null;
  const rules = (parsed?.groups ?? []).flatMap((group) => (group.rules ?? []).map((rule) => ({ group: group.name ?? '?', rule })));
  return {
    queries: rules.map(({ group, rule }) => ({
      where: `${file} › ${group} › ${rule.alert ?? rule.record ?? '(unnamed rule)'}`,
      expr: typeof rule.expr === 'string' || typeof rule.expr === 'number' ? String(rule.expr) : '',
    })),
    recorded: rules.flatMap(({ rule }) => (rule.record ? [rule.record] : [])),
  };
}
