import type { IncomingHttpHeaders } from 'node:http';

/**
 * What a delivery sandbox (Zapier catch hook, signed webhook) saw: every request
 * to a delivery endpoint, accepted or not, with its headers, parsed body and the
 * Ferry event ids inside. Tests and demos read it to check what a receiver
 * would have got.
 */
export type RefusalReason = 'fault' | 'fail-mode' | 'rate-limit' | 'signature' | 'gone' | 'too-large' | 'bad-request';

export interface DeliveryRecord {
  /** 1, 2, 3... in arrival order */
  seq: number;
  at: number;
  method: string;
  path: string;
  /** lower-case names; repeated headers joined with ", " */
  headers: Record<string, string>;
  bytes: number;
  /** the parsed JSON body, or null when it was not JSON */
  body: unknown;
  /** Ferry event ids in the body (`event_id`, or each of `events[].event_id`) */
  eventIds: string[];
  /** signature check, for sandboxes that verify one */
  signature?: { valid: boolean; reason?: string; message?: string };
  /** HTTP status answered; 0 when the connection was dropped */
  status: number;
  /** the receiver took it in (a Zap would run): answered 2xx, or the answer was lost after ('drop after') */
  accepted: boolean;
  refusal?: RefusalReason;
  /** event ids of this request that an earlier accepted request already carried */
  duplicateEventIds: string[];
}

export interface DeliveryStats {
  requests: number;
  accepted: number;
  refused: number;
  /** distinct event ids accepted */
  uniqueEvents: number;
  /** accepted events whose id had been accepted before */
  duplicateEvents: number;
  byStatus: Record<string, number>;
}

export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function stringField(value: unknown, name: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'string' ? field : undefined;
}

/** Ferry's event ids in a body: a single event, `{ events: [...] }`, or an array of events. */
export function eventIdsOf(body: unknown): string[] {
  const single = stringField(body, 'event_id');
  if (single !== undefined) return [single];
  const list = Array.isArray(body) ? body : typeof body === 'object' && body !== null ? (body as Record<string, unknown>).events : undefined;
  if (!Array.isArray(list)) return [];
  return list.map((e) => stringField(e, 'event_id')).filter((id): id is string => id !== undefined);
}

/** What a delivery sandbox keeps across restarts: the latest deliveries, the counts and every accepted event id. */
export interface DeliveryLogData {
  seq: number;
  entries: DeliveryRecord[];
  stats: DeliveryStats;
  acceptedIds: Array<[string, number]>;
}

/** How many deliveries a saved log keeps in full (counts and accepted ids are kept whole). */
const SAVED_ENTRIES = 2_000;

/** Invariant: counts cover every request ever recorded; `entries` keeps the latest `capacity` in full. */
export class DeliveryLog {
  private entries: DeliveryRecord[] = [];
  private seq = 0;
  private stats: DeliveryStats = emptyStats();
  private readonly acceptedIds = new Map<string, number>();
  /** called after each recorded delivery, e.g. to save the log */
  onChange: (() => void) | undefined;

  constructor(private readonly capacity = 20_000) {}

  toData(): DeliveryLogData {
    return { seq: this.seq, entries: this.entries.slice(-SAVED_ENTRIES), stats: this.summary(), acceptedIds: [...this.acceptedIds] };
  }

  loadData(data: DeliveryLogData): void {
    this.entries = [...data.entries];
    this.seq = data.seq;
    this.stats = { ...data.stats, byStatus: { ...data.stats.byStatus } };
    this.acceptedIds.clear();
    for (const [id, n] of data.acceptedIds) this.acceptedIds.set(id, n);
  }

  record(entry: Omit<DeliveryRecord, 'seq' | 'duplicateEventIds'>): DeliveryRecord {
    const duplicateEventIds = entry.accepted ? entry.eventIds.filter((id) => this.acceptedIds.has(id)) : [];
    const full: DeliveryRecord = { ...entry, seq: ++this.seq, duplicateEventIds };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    const s = this.stats;
    s.requests += 1;
    s.byStatus[String(entry.status)] = (s.byStatus[String(entry.status)] ?? 0) + 1;
    if (entry.accepted) {
      s.accepted += 1;
      for (const id of entry.eventIds) this.acceptedIds.set(id, (this.acceptedIds.get(id) ?? 0) + 1);
      s.duplicateEvents += duplicateEventIds.length;
      s.uniqueEvents = this.acceptedIds.size;
    } else {
      s.refused += 1;
    }
    this.onChange?.();
    return full;
  }

  all(): DeliveryRecord[] {
    return [...this.entries];
  }

  accepted(): DeliveryRecord[] {
    return this.entries.filter((e) => e.accepted);
  }

  /** How often each event id was accepted. */
  acceptedEventCounts(): Record<string, number> {
    return Object.fromEntries(this.acceptedIds);
  }

  summary(): DeliveryStats {
    return { ...this.stats, byStatus: { ...this.stats.byStatus } };
  }

  clear(): void {
    this.entries = [];
    this.seq = 0;
    this.stats = emptyStats();
    this.acceptedIds.clear();
  }
}

function emptyStats(): DeliveryStats {
  return { requests: 0, accepted: 0, refused: 0, uniqueEvents: 0, duplicateEvents: 0, byStatus: {} };
}
