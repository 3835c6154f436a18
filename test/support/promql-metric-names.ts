import { parser } from '@prometheus-io/lezer-promql';
import { parsePrometheusText } from './prometheus-text';

type SyntaxNode = ReturnType<ReturnType<typeof parser.parse>['resolve']>;

/** Grafana's interval variables stand where PromQL wants a duration; any duration parses the same. */
const GRAFANA_DURATION = /\$\{?__(?:rate_interval|interval|range)(?:_ms|_s)?\}?/g;

/** A Grafana query as Prometheus would receive it, as far as its metric names go. */
export function fromGrafana(expr: string): string {
  return expr.replace(GRAFANA_DURATION, '5m');
}

/**
 * The metric names a PromQL expression reads, found by the Prometheus project's own grammar
 * (`@prometheus-io/lezer-promql`): every vector selector's name, written before the braces or as
 * `__name__="…"` inside them. Functions, aggregations, `by (…)`, label matchers and label names
 * are not metrics. Throws on a syntax error, or on a selector whose name is a regex (which
 * could not be checked against a scrape).
 */
export function metricNamesIn(expr: string): string[] {
  const tree = parser.parse(expr);
  const names = new Set<string>();
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) throw new Error(`PromQL syntax error at ${cursor.from} in: ${expr}`);
    if (cursor.name === 'VectorSelector') names.add(selectorName(cursor.node, expr));
  } while (cursor.next());
  return [...names].sort();
}

function selectorName(selector: SyntaxNode, expr: string): string {
  const identifier = selector.getChild('Identifier');
  if (identifier) return expr.slice(identifier.from, identifier.to);
  for (const matcher of selector.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
    const label = matcher.getChild('LabelName');
    if (!label || expr.slice(label.from, label.to) !== '__name__') continue;
    const op = matcher.getChild('MatchOp');
    const value = matcher.getChild('StringLiteral');
    if (op?.firstChild?.name !== 'EqlSingle' || !value) throw new Error(`A metric name must be matched exactly: ${expr}`);
    return expr.slice(value.from + 1, value.to - 1).replace(/\\(.)/g, '$1');
  }
  throw new Error(`A selector without a metric name: ${expr.slice(selector.from, selector.to)}`);
}

/**
 * Every series name a scrape exports: the samples it has, and what its `# TYPE` lines declare
 * (a labelled counter nothing has incremented yet has a TYPE line and no sample), a histogram or
 * summary `x` as `x_bucket`/`x_sum`/`x_count` (and `x` for a summary's quantiles).
 */
export function exportedMetricNames(text: string): Set<string> {
  const names = new Set(parsePrometheusText(text).map((sample) => sample.name));
  for (const [, name, type] of text.matchAll(/^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (\w+)$/gm)) {
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(`${name}${suffix}`);
    else names.add(name);
  }
  return names;
}
