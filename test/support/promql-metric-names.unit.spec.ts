import { exportedMetricNames, fromGrafana, metricNamesIn } from './promql-metric-names';

describe('metricNamesIn (PromQL metric names through the Prometheus grammar)', () => {
  it('finds the selector inside functions, aggregations, by (…) and label matchers, and nothing else', () => {
    const expr =
      'histogram_quantile(0.99, sum by (le, route) (rate(dbolt_http_request_duration_seconds_bucket{route!="unmatched", status=~"5.."}[5m])))';
    expect(metricNamesIn(expr)).toEqual(['dbolt_http_request_duration_seconds_bucket']);
  });

  it('finds every operand of a binary expression, once each, with on/group_left, offset, subqueries and without (…)', () => {
    const expr =
      'sum without (instance) (rate(dbolt_submissions_total{outcome="transient"}[5m] offset 1h)) / on () group_left ' +
      'max(max_over_time(dbolt_workers[10m:1m])) > 0 or vector(0) + sum(rate(dbolt_submissions_total[5m]))';
    expect(metricNamesIn(expr)).toEqual(['dbolt_submissions_total', 'dbolt_workers']);
  });

  it('reads a name given as __name__="…" and refuses one given as a regex', () => {
    expect(metricNamesIn('{__name__="dbolt_jobs", status="complete"}')).toEqual(['dbolt_jobs']);
    expect(() => metricNamesIn('{__name__=~"dbolt_.*"}')).toThrow(/matched exactly/);
  });

  it('does not take label names, string arguments or function names for metrics', () => {
    expect(metricNamesIn('label_replace(dbolt_jobs, "tier", "$1", "status", "(.*)")')).toEqual(['dbolt_jobs']);
    expect(metricNamesIn('vector(1)')).toEqual([]);
  });

  it('throws on a syntax error instead of guessing', () => {
    expect(() => metricNamesIn('sum(rate(dbolt_jobs[5m])')).toThrow(/syntax error/);
    expect(() => metricNamesIn('rate(dbolt_jobs[$__rate_interval])')).toThrow(/syntax error/);
  });

  it("parses Grafana's interval variables once they stand for a duration", () => {
    expect(metricNamesIn(fromGrafana('rate(dbolt_jobs[$__rate_interval]) + rate(dbolt_workers[${__interval}])'))).toEqual([
      'dbolt_jobs',
      'dbolt_workers',
    ]);
  });
});

describe('exportedMetricNames (what a scrape exports)', () => {
  const text = [
    '# HELP dbolt_submissions_total Outcomes.',
    '# TYPE dbolt_submissions_total counter',
    '# HELP dbolt_job_duration_seconds Jobs.',
    '# TYPE dbolt_job_duration_seconds histogram',
    'dbolt_job_duration_seconds_count{status="complete"} 1',
    '# TYPE dbolt_lag summary',
    '# TYPE dbolt_jobs gauge',
    'dbolt_jobs{status="complete"} 3',
    '',
  ].join('\n');

  it('has the samples, the declared metrics without samples, and the suffixed series of histograms and summaries', () => {
    const names = exportedMetricNames(text);
    for (const name of ['dbolt_submissions_total', 'dbolt_jobs', 'dbolt_job_duration_seconds_bucket', 'dbolt_job_duration_seconds_sum']) {
      expect(names).toContain(name);
    }
    expect(names).toContain('dbolt_lag');
    expect(names).toContain('dbolt_lag_count');
    expect(names).not.toContain('dbolt_job_duration_seconds');
    expect(names).not.toContain('dbolt_submissions');
  });
});
