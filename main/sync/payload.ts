import { createHash } from 'node:crypto';
import type { Payload } from './connector';
import type { FieldChange } from './service-api';

/** A stable hash of a payload: key order never matters, values do. */
export function hashPayload(payload: Payload): string {
  const keys = Object.keys(payload).sort();
  const h = createHash('sha256');
  for (const key of keys) {
    h.update(key);
    h.update('\u0000');
    const v = payload[key];
    h.update(v === null || v === undefined ? '\u0001' : `\u0002${v}`);
    h.update('\u0000');
  }
  return h.digest('base64url');
}

/** Longest value kept in an old -> new change record (the log is for people, not archives). */
const MAX_LOGGED_VALUE = 500;

const clip = (v: string | null | undefined): string | null =>
  v === null || v === undefined ? null : v.length > MAX_LOGGED_VALUE ? `${v.slice(0, MAX_LOGGED_VALUE)}…` : v;

/** The fields whose value differs, old -> new, in key order. */
export function diffPayloads(previous: Payload, next: Payload): FieldChange[] {
  const keys = [...new Set([...Object.keys(previous), ...Object.keys(next)])].sort();
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const before = previous[field] ?? null;
    const after = next[field] ?? null;
    if ((before ?? '') !== (after ?? '')) changes.push({ field, old: clip(before), new: clip(after) });
  }
  return changes;
}
