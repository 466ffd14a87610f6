import { exportedSeriesNames, metricNamesIn } from './promql-names';

describe('metric names in PromQL', () => {
  it('finds the selected metrics and nothing of matchers, ranges or grouping', () => {
    expect(
      metricNamesIn(
        'sum by (channel) (rate(notification_delivery_attempts_total{outcome!="SENT"}[15m])) / sum by (channel) (rate(notification_delivery_attempts_total[15m])) > 0.2',
      ),
    ).toEqual(['notification_delivery_attempts_total']);
    expect(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket[5m]))) or max by (service, pod) (db_pool_connections{state="waiting"}) > 0',
      ),
    ).toEqual(['db_pool_connections', 'http_request_duration_seconds_bucket']);
  });

  it('reads the series an exposition offers, histograms with their parts', () => {
    const names = exportedSeriesNames(
      '# HELP a_total x\n# TYPE a_total counter\na_total 1\n# HELP h x\n# TYPE h histogram\nh_bucket{le="1"} 0\n',
    );
    expect([...names].sort()).toEqual(['a_total', 'h', 'h_bucket', 'h_count', 'h_sum']);
  });
});
