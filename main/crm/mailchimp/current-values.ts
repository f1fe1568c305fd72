import { z } from 'zod';
import type { PushItem } from '../../sync/connector';
import type { MailchimpCall } from './members';
import { subscriberHash } from './subscriber-hash';
import { MailchimpHttpError } from './transport';

/**
 * The merge field values an audience holds now, for "fill only if empty".
 * Mailchimp has no batch read of members by address: each is one
 * GET /lists/{list_id}/members/{subscriber_hash}?fields=merge_fields (Lists/Members
 * API reference), so this costs one call per contact (a push costs one per 500);
 * the README says so beside the policy. Reads go a few at a time (Mailchimp
 * allows 10 connections; the engine's limiter paces each). A 404 is a member the
 * audience does not have: nothing to keep.
 */
const PARALLEL_READS = 4;
const memberSchema = z.object({ merge_fields: z.record(z.string(), z.unknown()).catch({}) }).passthrough();

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export async function readCurrentValues(call: MailchimpCall, listId: string, items: PushItem[], fields: string[]): Promise<Map<number, Record<string, string | null>>> {
  const out = new Map<number, Record<string, string | null>>();
  const queue = items.filter((i) => (i.payload.email_address ?? '') !== '');
  const read = async (item: PushItem): Promise<void> => {
    try {
      const body = memberSchema.parse(await call('GET', `/lists/${encodeURIComponent(listId)}/members/${subscriberHash(item.payload.email_address ?? '')}?fields=merge_fields`));
      out.set(item.contactId, Object.fromEntries(fields.map((f) => [f, text(body.merge_fields[f])])));
    } catch (error) {
      if (!(error instanceof MailchimpHttpError && error.status === 404)) throw error;
    }
  };
  for (let i = 0; i < queue.length; i += PARALLEL_READS) await Promise.all(queue.slice(i, i + PARALLEL_READS).map(read));
  return out;
}
