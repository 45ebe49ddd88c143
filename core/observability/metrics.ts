import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * The service's Prometheus metrics, one registry per process (no global state).
 * `countOpenTickets` is asked at each scrape; processes under one supervisor each report
 * it, and their aggregate takes the largest, not the sum.
 */
export function createMetrics(
  options: {
    countOpenTickets?: () => Promise<number>;
    /** Messages waiting for the search indexer (core/search), asked at each scrape. */
    countSearchIndexLag?: () => Promise<number>;
  } = {},
) {
  const { countOpenTickets, countSearchIndexLag } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    inbound: new Counter({
      name: "navsup_inbound_messages_total",
      help: "Parent messages received, by channel and outcome",
      labelNames: ["channel", "outcome"] as const,
      registers: [registry],
    }),
    outbound: new Counter({
      name: "navsup_outbound_deliveries_total",
      help: "Outbox deliveries, by channel and result (sent, retry, failed, unconfirmed)",
      labelNames: ["channel", "result"] as const,
      registers: [registry],
    }),
    possibleDuplicateSends: new Counter({
      name: "navsup_outbound_duplicate_sends_possible_total",
      help: "Sends repeated because the outcome of the first was unknown (a duplicate is possible)",
      labelNames: ["channel"] as const,
      registers: [registry],
    }),
    handlerErrors: new Counter({
      name: "navsup_handler_errors_total",
      help: "Updates whose handling failed, by component",
      labelNames: ["component"] as const,
      registers: [registry],
    }),
    slaEvents: new Counter({
      name: "navsup_sla_events_total",
      help: "SLA warnings and breaches fired",
      labelNames: ["kind"] as const,
      registers: [registry],
    }),
    openTickets: new Gauge({
      name: "navsup_open_tickets",
      help: "Open tickets at the last scrape",
      aggregator: "max",
      registers: [registry],
      ...(countOpenTickets
        ? {
            async collect() {
              this.set(await countOpenTickets());
            },
          }
        : {}),
    }),
    searchIndexLag: new Gauge({
      name: "navsup_search_index_lag",
      help: "Messages written or edited but not yet in the console's search indexes",
      aggregator: "max",
      registers: [registry],
      ...(countSearchIndexLag
        ? {
            async collect() {
              this.set(await countSearchIndexLag());
            },
          }
        : {}),
    }),
    intakeSeconds: new Histogram({
      name: "navsup_intake_seconds",
      help: "Time to store a parent message and queue its answer",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
