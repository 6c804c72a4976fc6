import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Where a request was refused for going over a rate limit: its key's, its address's, or the public register's. */
export type RateLimitKind = 'key' | 'address' | 'public';

/** How an append to the event store ended. */
export type AppendOutcome = 'appended' | 'already_stored' | 'wrong_expected_revision' | 'failed';

/**
 * The service's metrics, in a registry of its own (not prom-client's global one: every
 * application built in a process, as the tests build them, counts apart). Served in the
 * Prometheus text format at GET /metrics (and on METRICS_PORT when set).
 */
export class Metrics {
  readonly registry = new Registry();

  readonly requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route (its pattern, not its URL) and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'compliance_event_store_appends_total',
    help: 'Appends to the event store, by outcome (a lost race on a stream is wrong_expected_revision)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly appendedEvents = new Counter({
    name: 'compliance_event_store_appended_events_total',
    help: 'Events appended to the event store by this process',
    registers: [this.registry],
  });

  readonly eventsProjected = new Counter({
    name: 'compliance_read_models_events_applied_total',
    help: "Events of the log applied to this process's read models",
    registers: [this.registry],
  });

  readonly openStreams = new Gauge({
    name: 'compliance_register_change_streams_open',
    help: 'Server-sent-event streams of the register changes feed open now',
    registers: [this.registry],
  });

  readonly rateLimitRefusals = new Counter({
    name: 'compliance_rate_limit_refusals_total',
    help: "Requests refused (429) for going over a rate limit: a key's, an address's, or the public register's",
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });

  private lagSource: () => Promise<number> = async () => 0;

  constructor(store: string) {
    new Gauge({
      name: 'compliance_event_store_info',
      help: 'Which event store keeps the log (always 1; the store is the label)',
      labelNames: ['store'] as const,
      registers: [this.registry],
    }).set({ store }, 1);
    const lagSource = () => this.lagSource();
    new Gauge({
      name: 'compliance_read_models_lag_seconds',
      help: 'How long ago the oldest event the read models have not applied was committed (0: they include the whole log; NaN: the store does not answer)',
      registers: [this.registry],
      async collect() {
        this.set(await lagSource().catch(() => Number.NaN));
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the lag gauge reads from, once the read side exists. */
  measureLagWith(source: () => Promise<number>): void {
    this.lagSource = source;
  }

  /** Every metric in the Prometheus text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
