import { createHash } from 'node:crypto';
import type { ContactEvent } from '../shared/contact-event';

/**
 * How events are grouped into requests. With one event per request the body is
 * the event itself; with batching configured (batchSize > 1) every body is
 * `{ "events": [...] }`, even when it holds a single event, so a receiver sees
 * one shape per connection.
 */
export interface WebhookRequestBody {
  /** Ferry-Event-Id: the event id, or for a batch an id derived from its event ids (stable on retry) */
  deliveryId: string;
  body: string;
  events: ContactEvent[];
}

export function batchDeliveryId(eventIds: readonly string[]): string {
  return `bat_${createHash('sha256').update(eventIds.join('\n')).digest('hex').slice(0, 32)}`;
}

function requestBody(events: ContactEvent[], batched: boolean): WebhookRequestBody {
  if (!batched) {
    const only = events[0];
    if (!only || events.length !== 1) throw new RangeError('an unbatched webhook request carries exactly one event');
    return { deliveryId: only.event_id, body: JSON.stringify(only), events };
  }
  return { deliveryId: batchDeliveryId(events.map((e) => e.event_id)), body: JSON.stringify({ events }), events };
}

/**
 * Groups events in order into requests of at most `batchSize` events and at
 * most `maxBytes` each. An event too large on its own is returned in `tooLarge`.
 */
export function groupEvents(events: readonly ContactEvent[], batchSize: number, maxBytes: number): { requests: WebhookRequestBody[]; tooLarge: ContactEvent[] } {
  const batched = batchSize > 1;
  const requests: WebhookRequestBody[] = [];
  const tooLarge: ContactEvent[] = [];
  let current: ContactEvent[] = [];
  let currentBytes = 0;
  // `{"events":[` + `]}` + one comma per extra event
  const envelope = batched ? 13 : 0;
  const flush = (): void => {
    if (current.length > 0) requests.push(requestBody(current, batched));
    current = [];
    currentBytes = 0;
  };
  for (const event of events) {
    const bytes = Buffer.byteLength(JSON.stringify(event));
    if (bytes + envelope > maxBytes) {
      tooLarge.push(event);
      continue;
    }
    const added = bytes + (current.length > 0 ? 1 : 0);
    if (current.length >= batchSize || envelope + currentBytes + added > maxBytes) flush();
    currentBytes += bytes + (current.length > 0 ? 1 : 0);
    current.push(event);
  }
  flush();
  return { requests, tooLarge };
}
