import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** A registry per app (not prom-client's global one) so several apps can live in one test process. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duração das requisições HTTP',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  /** One series per method, route and status, looked up once: label checks are not redone on every request. */
  const series = new Map<string, { observe(value: number): void }>();
  const observeRequest = (method: string, route: string, status: number, seconds: number) => {
    const key = `${method} ${route} ${status}`;
    let child = series.get(key);
    if (!child) series.set(key, (child = duration.labels(method, route, String(status))));
    child.observe(seconds);
  };
  return { registry, observeRequest };
}

export type HttpMetrics = ReturnType<typeof createMetrics>;

/**
 * A counter that mirrors running totals kept elsewhere (by a service, without prom-client), read
 * at each scrape: `totals()` gives the total so far per value of `label`.
 */
export function registerTotalsCounter(
  registry: Registry,
  metric: { name: string; help: string; label: string; totals: () => Iterable<[string, number]> },
): void {
  const reported = new Map<string, number>();
  new Counter({
    name: metric.name,
    help: metric.help,
    labelNames: [metric.label],
    registers: [registry],
    collect() {
      for (const [value, total] of metric.totals()) {
        this.inc({ [metric.label]: value }, total - (reported.get(value) ?? 0));
        reported.set(value, total);
      }
    },
  });
}
