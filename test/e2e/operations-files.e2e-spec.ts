import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { parse } from 'yaml';
import {
  dashboardQueries,
  dashboardTitles,
  OPERATIONS_DIR,
  rulesFiles,
  rulesQueries,
  type ShippedQuery,
} from '../support/operations-queries';
import { startPipeline, staff, type Pipeline } from '../support/pipeline-harness';
import { exportedMetricNames, fromGrafana, metricNamesIn } from '../support/promql-metric-names';
import { RecordingSubmitter } from '../support/recording-submitter';

const scrape = async (app: INestApplication): Promise<string> =>
  (
    await request(app.getHttpServer() as App)
      .get('/api/metrics')
      .set(staff)
      .expect(200)
  ).text;

/** Each query's problem: a metric no process exports, or an expression that does not parse. */
function problems(queries: readonly ShippedQuery[], exported: ReadonlySet<string>): string[] {
  return queries.flatMap(({ where, expr }) => {
    try {
      return metricNamesIn(fromGrafana(expr))
        .filter((name) => !exported.has(name))
        .map((name) => `${where}: ${name} is not exported`);
    } catch (error) {
      return [`${where}: ${(error as Error).message}`];
    }
  });
}

describe('docs/operations: every dashboard query and rule names a metric /api/metrics exports (API process with fleet metrics, and a worker)', () => {
  let pipeline: Pipeline;
  let exported: Set<string>;

  beforeAll(async () => {
    pipeline = await startPipeline({ directories: 1, env: { METRICS_FLEET: 'true' } });
    const worker = await pipeline.startWorker(new RecordingSubmitter());
    const texts = [await scrape(pipeline.control), await scrape(worker)];
    exported = new Set(texts.flatMap((text) => [...exportedMetricNames(text)]));
  }, 60_000);
  afterAll(async () => pipeline?.close());

  it('the scrape has the fleet-wide and the per-process metrics the dashboard is built on', () => {
    for (const name of ['dbolt_queue_messages', 'dbolt_workers', 'dbolt_projection_lag_seconds', 'dbolt_submissions_total']) {
      expect(exported).toContain(name);
    }
    expect(exported).toContain('dbolt_http_request_duration_seconds_bucket');
  });

  it('the Grafana dashboard: every query parses and reads only exported metrics', () => {
    const queries = dashboardQueries();
    expect(queries.length).toBeGreaterThanOrEqual(20);
    expect(problems(queries, exported)).toEqual([]);
  });

  it('the dashboard has a panel for each thing an operator watches', () => {
    const titles = dashboardTitles().join(' | ').toLowerCase();
    for (const topic of ['jobs per hour', 'submissions per hour by outcome', 'error rate', 'backlog per tier', 'dead letters', 'workers']) {
      expect(titles).toContain(topic);
    }
    expect(titles).toContain('projection lag');
    expect(titles).toContain('api latency');
  });

  it('every Prometheus rules file (*.rules.yml, zero or more): every expr parses and reads only exported or recorded metrics', () => {
    const files = rulesFiles();
    const read = files.map((file) => rulesQueries(file));
    const available = new Set([...exported, ...read.flatMap((r) => r.recorded)]);
    // A rules file with no rule in it is a mistake (a wrong key, an indentation slip), not a pass.
    expect(files.filter((_, i) => read[i].queries.length === 0)).toEqual([]);
    expect(
      problems(
        read.flatMap((r) => r.queries),
        available,
      ),
    ).toEqual([]);
  });

  it('the scrape example points Prometheus at /api/metrics with the header a metrics-scoped key is accepted in', async () => {
    const config = parse(readFileSync(join(OPERATIONS_DIR, 'prometheus-scrape.example.yml'), 'utf8')) as {
      scrape_configs: { metrics_path: string; http_headers: Record<string, unknown> }[];
    };
    expect(config.scrape_configs.map((c) => c.metrics_path)).toEqual(['/api/metrics']);
    const headers = Object.keys(config.scrape_configs[0].http_headers);
    expect(headers).toEqual(['X-API-Key']);
    const created = await request(pipeline.http())
      .post('/api/admin/api-keys')
      .set(staff)
      .send({ name: 'prometheus', scopes: ['metrics'] });
    expect(created.status).toBe(201);
    const answer = await request(pipeline.http()).get(config.scrape_configs[0].metrics_path).set(headers[0], String(created.body.key));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('dbolt_queue_messages');
  });
});
