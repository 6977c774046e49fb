import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The API's Prometheus metrics, on a registry of its own (process metrics included). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly connectedSockets = new Gauge({
    name: 'socketio_connected_sockets',
    help: 'Socket.IO connections open on this replica',
    registers: [this.registry],
  });

  readonly messagesSent = new Counter({
    name: 'chat_messages_sent_total',
    help: 'Messages stored and delivered (retries answered from storage are not counted)',
    registers: [this.registry],
  });

  readonly acksFailed = new Counter({
    name: 'socketio_acks_failed_total',
    help: 'Socket events answered with { ok: false }, by error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly notificationEmails = new Counter({
    name: 'notification_emails_total',
    help: 'Unread-message e-mails by outcome: sent, cancelled (read or switched off first), retried (send failed, tried again later), failed (given up)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly notificationPushes = new Counter({
    name: 'notification_pushes_total',
    help: 'Web Push messages by outcome: sent, expired (the push service answered 404 or 410: subscription removed), refused (the endpoint is or resolves inside our network: subscription removed), failed',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly socketEventDuration = new Histogram({
    name: 'socketio_event_duration_seconds',
    help: 'Socket event handling, from its arrival to its acknowledgement, by event and outcome (ok or the error code)',
    labelNames: ['event', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly databaseCommandDuration = new Histogram({
    name: 'mongodb_command_duration_seconds',
    help: 'MongoDB commands as the driver timed them, by command name and outcome (ok or failed)',
    labelNames: ['command', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly emailLateness = new Histogram({
    name: 'notification_email_lateness_seconds',
    help: 'How long after its due time an unread-message e-mail went out (the backlog: 0 when keeping up)',
    buckets: [1, 2, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });

  constructor() {
    // Includes nodejs_eventloop_lag_seconds and the event-loop delay percentiles.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }
}
