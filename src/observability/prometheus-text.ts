/** Prometheus text exposition (format 0.0.4): just what our metrics need, no client library. */
export interface Sample {
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Metric {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly samples: readonly Sample[];
}

export function renderMetrics(metrics: readonly Metric[]): string {
  return metrics.map(render).join('');
}

function render(metric: Metric): string {
  const lines = [`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} ${metric.type}`];
  for (const sample of metric.samples) lines.push(`${metric.name}${labels(sample.labels)} ${sample.value}`);
  return `${lines.join('\n')}\n`;
}

function labels(values: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}
