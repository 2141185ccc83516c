import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RuntimeMetrics } from '../kernel';

/** What the metrics read when scraped (each source is optional: a CLI has no queue). */
export interface MetricsSources {
  /** The app pool's connections now. */
  pool(): { total: number; idle: number; waiting: number };
  /** Queue jobs by state. */
  queueCounts?(): Promise<Record<string, number>>;
  /** Scheduled timers past due by more than a minute of the workflow clock. */
  overdueTimers?(): Promise<number>;
}

/** The app's metrics: the runtime's port, the HTTP and queue hooks, and the Prometheus text. */
export interface AppMetrics {
  runtime: RuntimeMetrics;
  queueJobFailed(): void;
  /** One answered request; `route` is the matched route pattern (never the raw path, which would hold ids). */
  observeHttp(request: { method: string; route: string; status: number; seconds: number }): void;
  /** The metrics in Prometheus' text format, and its content type. */
  render(): Promise<string>;
  contentType: string;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LATENESS_BUCKETS = [0.1, 1, 5, 15, 60, 300, 900, 3600];
/** A scrape never waits long for the queue or the database: a missing value beats a hung scrape. */
const SCRAPE_SOURCE_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('metrics source timed out')), SCRAPE_SOURCE_TIMEOUT_MS).unref())]);
}

/**
 * prom-client behind the runtime's metrics port, on a registry of its own (several apps in one
 * process, as in tests, do not share series). Process metrics (CPU, memory, event loop) come with it.
 */
export function createPrometheusMetrics(sources: MetricsSources): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const steps = new Counter({ name: 'jz_steps_total', help: 'Engine steps that reached their commit, by definition, kind (history event) and outcome', labelNames: ['definition', 'kind', 'outcome'], registers });
  const commitSeconds = new Histogram({ name: 'jz_step_commit_duration_seconds', help: 'Time to write a step (its transaction), by definition', labelNames: ['definition'], buckets: LATENCY_BUCKETS, registers });
  const useCaseSeconds = new Histogram({ name: 'jz_step_duration_seconds', help: 'Wall time of a runtime use case (load, engine step, commit, enqueue), by use case and outcome', labelNames: ['use_case', 'outcome'], buckets: LATENCY_BUCKETS, registers });
  const timersScheduled = new Counter({ name: 'jz_timers_scheduled_total', help: 'Timers written by committed steps', registers });
  const timerDeliveries = new Counter({ name: 'jz_timer_deliveries_total', help: 'Timer deliveries by outcome (fired, skipped: already fired or cancelled, not_due)', labelNames: ['outcome'], registers });
  const timersFired = new Counter({ name: 'jz_timers_fired_total', help: 'Timers that fired a step', registers });
  const lateness = new Histogram({ name: 'jz_timer_lateness_seconds', help: 'How long after its due time a timer fired (workflow clock)', buckets: LATENESS_BUCKETS, registers });
  const queueFailures = new Counter({ name: 'jz_queue_job_failures_total', help: 'Queue job attempts that failed (retried with backoff)', registers });
  const http = new Histogram({ name: 'jz_http_request_duration_seconds', help: 'HTTP requests by method, route pattern and status', labelNames: ['method', 'route', 'status'], buckets: LATENCY_BUCKETS, registers });

  new Gauge({
    name: 'jz_pg_pool_connections', help: 'Connections of the app pool: total, idle, and requests waiting for one', labelNames: ['state'], registers,
    collect() {
      const pool = sources.pool();
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });
  const { queueCounts, overdueTimers } = sources;
  if (queueCounts) {
    new Gauge({
      name: 'jz_queue_jobs', help: 'Timer queue jobs by state', labelNames: ['state'], registers,
      async collect() {
        const counts = await withTimeout(queueCounts()).catch(() => undefined);
        if (!counts) return;
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      },
    });
  }
  if (overdueTimers) {
    new Gauge({
      name: 'jz_timers_overdue', help: 'Scheduled timers more than a minute past due (delivery is behind)', registers,
      async collect() {
        const n = await withTimeout(overdueTimers()).catch(() => undefined);
        if (n !== undefined) this.set(n);
      },
    });
  }

  return {
    runtime: {
      stepCommitted({ definitionKey, kind, outcome, seconds }) {
        steps.inc({ definition: definitionKey, kind, outcome });
        if (outcome === 'committed') commitSeconds.observe({ definition: definitionKey }, seconds);
      },
      useCaseEnded: (useCase, outcome, seconds) => useCaseSeconds.observe({ use_case: useCase, outcome }, seconds),
      timersScheduled: (count) => timersScheduled.inc(count),
      timerDelivered(outcome, lateSeconds) {
        timerDeliveries.inc({ outcome });
        if (outcome === 'fired') {
          timersFired.inc();
          if (lateSeconds !== undefined) lateness.observe(Math.max(0, lateSeconds));
        }
      },
    },
    queueJobFailed: () => queueFailures.inc(),
    observeHttp: ({ method, route, status, seconds }) => http.observe({ method, route, status: String(status) }, seconds),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
