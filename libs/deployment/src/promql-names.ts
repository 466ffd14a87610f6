/** PromQL words that are not metric names: functions, aggregations, operators, modifiers. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'sum',
  'min',
  'max',
  'avg',
  'count',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'quantile',
  'count_values',
  'group',
  'rate',
  'irate',
  'increase',
  'delta',
  'idelta',
  'changes',
  'resets',
  'histogram_quantile',
  'abs',
  'clamp_min',
  'clamp_max',
  'absent',
  'time',
  'vector',
  'scalar',
  'label_replace',
  'label_join',
  'sort',
  'sort_desc',
  'max_over_time',
  'min_over_time',
  'avg_over_time',
  'sum_over_time',
  'count_over_time',
  'last_over_time',
]);

/**
 * The metric names a PromQL expression selects. Label matchers, strings, ranges, grouping
 * clauses and numbers are removed first; what is left that is not a keyword names a metric.
 */
export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const word = match[0];
    if (!KEYWORDS.has(word)) names.add(word);
  }
  return [...names].sort();
}

/**
 * The series names a Prometheus text exposition offers: every `# TYPE` line's name, and for a
 * histogram or summary its `_bucket`, `_sum` and `_count` series.
 */
export function exportedSeriesNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name);
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${name}${suffix}`);
  }
  return names;
}
