import { Injectable } from '@nestjs/common';
import { context, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import { MetricsService } from '../observability/metrics.service';

type Ack = (response: unknown) => void;

export interface ObservedEvent {
  /** The context to run the handler in, so that its database and Redis spans are the event's children. */
  context: Context;
  /** The client's acknowledgement, which also ends the event's span and timing. */
  ack?: Ack;
  /** Ends them for an event the client sent without an acknowledgement. */
  end(): void;
}

/** `ok`, or the error code of a failed acknowledgement (`{ ok: false, error: { code } }`). */
function outcomeOf(response: unknown): string {
  const answer = response as { ok?: unknown; error?: { code?: unknown } } | null;
  if (answer?.ok === false) return typeof answer.error?.code === 'string' ? answer.error.code : 'error';
  return 'ok';
}

/**
 * A span (`socket.io <event>`, with the message's clientMessageId when it has one) and a
 * `socketio_event_duration_seconds` observation per Socket.IO event, from its arrival to its
 * acknowledgement. Without tracing configured the span is OpenTelemetry's no-op.
 */
@Injectable()
export class SocketEventObserver {
  private readonly tracer = trace.getTracer('promoto-api');

  constructor(private readonly metrics: MetricsService) {}

  start(event: string, payload: unknown, ack: Ack | undefined): ObservedEvent {
    const started = performance.now();
    const clientMessageId = (payload as { clientMessageId?: unknown } | null)?.clientMessageId;
    const span = this.tracer.startSpan(`socket.io ${event}`, {
      kind: SpanKind.SERVER,
      attributes: {
        'messaging.system': 'socket.io',
        'socket.io.event': event,
        ...(typeof clientMessageId === 'string' ? { 'promoto.client_message_id': clientMessageId } : {}),
      },
    });
    let ended = false;
    const end = (outcome: string) => {
      if (ended) return;
      ended = true;
      this.metrics.socketEventDuration.observe({ event, outcome }, (performance.now() - started) / 1000);
      span.setAttribute('promoto.outcome', outcome);
      if (outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
      span.end();
    };
    return {
      context: trace.setSpan(context.active(), span),
      ack: ack
        ? (response) => {
            end(outcomeOf(response));
            ack(response);
          }
        : undefined,
      end: () => end('ok'),
    };
  }
}
