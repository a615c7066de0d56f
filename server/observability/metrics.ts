import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The figures an operator watches, in Prometheus' format (served on /metrics of the management
 * port). One registry per process; counters only ever grow, so rates come from `rate()`.
 * Labels never carry personal data: routes are patterns, Graph outcomes are status codes.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'sam_' });

export const httpRequestDuration = new Histogram({
  name: 'sam_http_request_duration_seconds',
  help: 'API requests by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const rateLimited = new Counter({
  name: 'sam_rate_limited_total',
  help: 'Requests refused with 429 by a rate limit',
  labelNames: ['limit'] as const,
  registers: [registry],
});

export const graphRequests = new Counter({
  name: 'sam_graph_requests_total',
  help: 'Microsoft Graph requests by HTTP status ("network" when no answer came)',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const graphThrottleWait = new Counter({
  name: 'sam_graph_throttle_wait_seconds_total',
  help: 'Time spent waiting out Graph throttling (Retry-After or backoff) before retrying',
  registers: [registry],
});

export const messagesRead = new Counter({
  name: 'sam_sync_messages_read_total',
  help: 'Messages read from mailboxes and processed',
  registers: [registry],
});

export const contactPointsStored = new Counter({
  name: 'sam_sync_contact_points_stored_total',
  help: 'Contact points newly stored (a replayed page adds none)',
  registers: [registry],
});

export const syncRuns = new Counter({
  name: 'sam_sync_runs_total',
  help: 'Mailbox synchronisation runs by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const graphBudgetWaits = new Counter({
  name: 'sam_graph_budget_waits_total',
  help: "Times Graph's request limits kept the service from sending: a mailbox paused until its 10-minute budget frees up (budget=mailbox), or a request held for the app's next 10-second window (budget=app)",
  labelNames: ['budget'] as const,
  registers: [registry],
});

export const graphBudgetWaitSeconds = new Counter({
  name: 'sam_graph_budget_wait_seconds_total',
  help: "Time those waits last: until a paused mailbox may send again (budget=mailbox), or requests held for the app's next window (budget=app)",
  labelNames: ['budget'] as const,
  registers: [registry],
});

export const leasesHeld = new Gauge({
  name: 'sam_sync_leases_held',
  help: 'Mailbox leases this worker holds now',
  registers: [registry],
});

export const notificationEmails = new Counter({
  name: 'sam_notification_emails_total',
  help: 'Enablement notification emails by outcome (sent, failed, not_configured)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** Read from the database at scrape time: the same on every instance, so alert on max(). */
export const syncLag = new Gauge({
  name: 'sam_sync_lag_seconds',
  help: 'Age of the oldest due mailbox job of enabled organisations (0 when none is due)',
  registers: [registry],
});

export const syncQueueDepth = new Gauge({
  name: 'sam_sync_queue_depth',
  help: 'Mailbox jobs of enabled organisations due and waiting for a worker, by lane (backfill = first syncs, incremental = new mail)',
  labelNames: ['lane'] as const,
  registers: [registry],
});

export const syncJobsLeased = new Gauge({
  name: 'sam_sync_jobs_leased',
  help: 'Mailbox jobs under a live lease, across all workers',
  registers: [registry],
});

export const integrationsByStatus = new Gauge({
  name: 'sam_integrations',
  help: 'Integrations (mailboxes) by status, across all organisations',
  labelNames: ['status'] as const,
  registers: [registry],
});
