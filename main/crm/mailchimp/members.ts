import { z } from 'zod';
import type { PushItem, PushResult } from '../../sync/connector';
import { memberRefusal } from './errors';
import { mergeFieldsToSend, tagsOf } from './mapping';
import type { RefusedField } from './merge-fields';
import { subscriberHash } from './subscriber-hash';
import { MailchimpHttpError } from './transport';

/**
 * Contacts → audience members, never "search, then create": a member's address
 * is the hash of its e-mail, so every write is an upsert that lands on the same
 * member however often it is repeated.
 *
 * - With marketing consent: batch subscribe/update, POST /lists/{list_id}, up to
 *   500 members per call, `update_existing: true`, status 'subscribed' (Mailchimp
 *   refuses to resubscribe a member who unsubscribed or bounced: that member is
 *   set aside with Mailchimp's words).
 * - Without consent, not yet linked: the same batch with `update_existing: false`
 *   and status 'transactional', so a new member joins as non-subscribed and an
 *   existing member's status is never touched; Mailchimp reports an existing one
 *   as ERROR_CONTACT_EXISTS, and it is then updated with
 * - PUT /lists/{list_id}/members/{subscriber_hash} without `status` (its
 *   `status_if_new` applies only to a new member): also how a linked contact
 *   without consent is updated.
 * - An e-mail changed in Ferry first moves the member: PATCH …/members/{contact_id}
 *   (the link's id, stable across moves) with the new `email_address`; a repeat
 *   after a crash moves it again or finds it moved. A 404 means it was deleted in
 *   Mailchimp; the upsert that follows makes it again. A contact not linked yet
 *   whose earlier push was sent but never confirmed is moved from that push's
 *   address (kept by the engine before sending: memberAttemptKey).
 * - Tags ride in the batch (added, never removed: `sync_tags: false` keeps tags
 *   the marketing team added in Mailchimp); a tag removed in Ferry, and tags of a
 *   member written by PUT (which takes none), go through POST …/members/{hash}/tags.
 * A crash at any point leaves at most writes that the next run repeats onto the
 * same member, whatever the rep changes in between.
 */

export type MailchimpCall = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => Promise<unknown>;

/** Mailchimp's limit for one batch subscribe/update call (Lists API: "Up to 500 members"). */
export const MAILCHIMP_BATCH_MEMBERS = 500;

interface Work {
  item: PushItem;
  email: string;
  hash: string;
  consent: boolean;
  mergeFields: Record<string, unknown>;
  tagsNow: string[];
  /** tags in Ferry before this change, which Mailchimp may still hold */
  tagsRemoved: string[];
  /** fields with a value that the audience has no merge field for (MergeFieldRegistry.refused) */
  homeless: RefusedField[];
}

const memberSchema = z.object({ id: z.string().optional(), contact_id: z.string().optional(), email_address: z.string(), status: z.string().optional().catch(undefined) }).passthrough();
const batchAnswer = z.object({
  new_members: z.array(memberSchema).catch([]).default([]),
  updated_members: z.array(memberSchema).catch([]).default([]),
  errors: z.array(z.object({
    email_address: z.string().optional().catch(undefined),
    error: z.string().optional().catch(undefined),
    error_code: z.string().optional().catch(undefined),
    field: z.string().optional().catch(undefined),
    field_message: z.string().optional().catch(undefined),
  }).passthrough()).catch([]).default([]),
}).passthrough();

const rejected = (w: Pick<Work, 'item'>, message: string, crmError: string): PushResult => ({ contactId: w.item.contactId, outcome: 'rejected', message, crmError });
/**
 * The link keeps the member's contact_id: stable whatever its e-mail, and accepted
 * wherever a subscriber hash is (Lists/Members API reference, path parameters), so a
 * move always finds the member even after an unconfirmed earlier move.
 */
const written = (w: Work, outcome: 'created' | 'updated', m: { contact_id?: string | undefined; id?: string | undefined }): PushResult => ({ contactId: w.item.contactId, outcome, externalId: m.contact_id ?? m.id ?? w.hash });

/** The merge field values to send, less those the audience has no field for. */
function sendable(fields: Record<string, unknown>, refused: ReadonlyMap<string, RefusedField>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([tag]) => !refused.has(tag)));
}

function workOf(item: PushItem, refused: ReadonlyMap<string, RefusedField>, wire: MemberWriter['wire']): Work | PushResult {
  const email = item.payload.email_address ?? '';
  if (email === '') {
    return rejected({ item }, 'Mailchimp audiences hold e-mail addresses, and this contact has none, so Ferry did not add it. Give it an e-mail address and it goes with the next sync.', 'not sent: a Mailchimp member needs an email_address');
  }
  const before = tagsOf(item.previousPayload);
  const now = tagsOf(item.payload);
  return {
    item, email, hash: subscriberHash(email), consent: item.payload.status === 'subscribed',
    mergeFields: sendable(mergeFieldsToSend(item.payload, item.previousPayload, wire), refused),
    tagsNow: now, tagsRemoved: before.filter((t) => !now.includes(t)),
    homeless: [...refused].filter(([tag]) => (item.payload[tag] ?? '') !== '').map(([, field]) => field),
  };
}

export interface MemberWriter {
  call: MailchimpCall;
  listId: string;
  /** merge fields Mailchimp would not create (a full audience), by tag */
  refusedFields: ReadonlyMap<string, RefusedField>;
  /** types the values of merge fields the connection's mapping chose (field-schema.ts) */
  wire?: (tag: string, text: string) => unknown;
}

/** Upserts up to 500 members per batch call, plus the moves, updates and tag changes described above. One result per item. */
export async function pushMembers(w: MemberWriter, items: PushItem[]): Promise<PushResult[]> {
  const results = new Map<number, PushResult>();
  const works: Work[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const work = workOf(item, w.refusedFields, w.wire);
    if (!('hash' in work)) {
      results.set(item.contactId, work);
      continue;
    }
    // two contacts with one address would write one member: the later one is set aside
    if (seen.has(work.hash)) {
      results.set(item.contactId, rejected(work, `Another contact in Ferry has the same e-mail address '${work.email}', and a Mailchimp audience keeps one member per address. Merge the two contacts in Ferry.`, 'duplicate email_address in one batch'));
      continue;
    }
    seen.add(work.hash);
    works.push(work);
  }

  const live: Work[] = [];
  for (const work of works) {
    const refusal = await moveIfEmailChanged(w, work);
    if (refusal) results.set(work.item.contactId, refusal);
    else live.push(work);
  }

  const put: Work[] = live.filter((x) => !x.consent && x.item.externalId !== null);
  // the subscribe batch and the add-as-non-subscribed batch name different members: sent at once
  // (the rate limiter still caps Ferry's open connections)
  const batches: Promise<Work[]>[] = [];
  for (const [group, updateExisting] of [[live.filter((x) => x.consent), true], [live.filter((x) => !x.consent && x.item.externalId === null), false]] as const) {
    for (let i = 0; i < group.length; i += MAILCHIMP_BATCH_MEMBERS) batches.push(batchUpsert(w, group.slice(i, i + MAILCHIMP_BATCH_MEMBERS), updateExisting, results));
  }
  for (const exists of await Promise.all(batches)) put.push(...exists);
  for (const work of put) results.set(work.item.contactId, await putMember(w, work));

  // tags: removals for everyone written, and every tag of a member written by PUT (which takes none)
  const putIds = new Set(put.map((x) => x.item.contactId));
  for (const work of live) {
    const result = results.get(work.item.contactId);
    if (!result || (result.outcome !== 'created' && result.outcome !== 'updated')) continue;
    const add = putIds.has(work.item.contactId) ? work.tagsNow : [];
    if (add.length + work.tagsRemoved.length === 0) continue;
    const failure = await setTags(w, work, add);
    if (failure) results.set(work.item.contactId, failure);
  }
  for (const work of live) {
    const result = results.get(work.item.contactId);
    if (work.homeless.length > 0 && result && (result.outcome === 'created' || result.outcome === 'updated')) results.set(work.item.contactId, homelessFields(work));
  }
  return items.map((item) => results.get(item.contactId) ?? { contactId: item.contactId, outcome: 'retry', message: 'Mailchimp did not confirm this contact. Ferry will send it again.', crmError: 'no result for this member' });
}

/**
 * What a push of `item` is about to write, kept by the engine until Mailchimp's
 * answer is saved (Connector.attemptKey): the address, whose hash is the member's
 * only key. A linked contact needs none: its link holds the member's contact_id.
 */
export function memberAttemptKey(item: PushItem): Record<string, string> | null {
  const email = item.payload.email_address ?? '';
  return item.externalId === null && email !== '' ? { email } : null;
}

/**
 * Moves the member to the contact's new address before it is written there; a
 * refusal (the new address is another member's) is the contact's result.
 * - Linked: the link's contact_id, whenever the e-mail differs from what was last sent.
 * - Never linked, but an earlier push went out and its answer was never saved (Ferry
 *   stopped in between), at another address: Mailchimp may hold a member there. Each
 *   such address is tried, latest first, until one moves; 404 Resource Not Found (the
 *   member-route answer for no member at that hash, as Mailchimp's error glossary and
 *   recorded responses show) means that push never landed or a later one moved it on.
 *   At most one of them holds the member: each push first moved the one before it.
 */
async function moveIfEmailChanged(w: MemberWriter, work: Work): Promise<PushResult | null> {
  if (work.item.externalId !== null) {
    const before = work.item.previousPayload.email_address ?? '';
    if (before === '' || before === work.email) return null;
    const moved = await moveMember(w, work, work.item.externalId, before);
    return moved === 'absent' ? null : moved;
  }
  const seen = new Set([work.hash]);
  const earlier = (work.item.unconfirmed ?? []).map((a) => a.email ?? '').filter((e) => e !== '').reverse();
  for (const before of earlier) {
    const hash = subscriberHash(before);
    if (seen.has(hash)) continue;
    seen.add(hash);
    const moved = await moveMember(w, work, hash, before);
    if (moved !== 'absent') return moved;
  }
  return null;
}

/** PATCH …/members/{id} with the new address: null when moved, 'absent' on 404, a rejection when Mailchimp refuses. */
async function moveMember(w: MemberWriter, work: Work, member: string, before: string): Promise<PushResult | null | 'absent'> {
  try {
    await w.call('PATCH', `/lists/${encodeURIComponent(w.listId)}/members/${encodeURIComponent(member)}`, { email_address: work.email });
    return null;
  } catch (error) {
    if (!(error instanceof MailchimpHttpError)) throw error;
    if (error.status === 404) return 'absent';
    if (error.status === 400) return rejected(work, `Mailchimp did not move this member from '${before}' to '${work.email}': ${memberRefusal(error)}`, memberRefusal(error));
    throw error;
  }
}

function batchMember(work: Work): Record<string, unknown> {
  const status = work.consent ? 'subscribed' : 'transactional';
  return {
    email_address: work.email,
    status,
    status_if_new: status,
    ...(Object.keys(work.mergeFields).length > 0 ? { merge_fields: work.mergeFields } : {}),
    ...(work.tagsNow.length > 0 ? { tags: work.tagsNow } : {}),
  };
}

/** One batch call; sets each member's result, and returns those Mailchimp says already exist (when not updating existing ones). */
async function batchUpsert(w: MemberWriter, group: Work[], updateExisting: boolean, results: Map<number, PushResult>): Promise<Work[]> {
  if (group.length === 0) return [];
  const answer = batchAnswer.parse(await w.call('POST', `/lists/${encodeURIComponent(w.listId)}`, {
    members: group.map(batchMember),
    update_existing: updateExisting,
    sync_tags: false,
  }));
  const byEmail = new Map(group.map((x) => [x.email, x]));
  const find = (email: string | undefined): Work | undefined => (email === undefined ? undefined : byEmail.get(email.trim().toLowerCase()));
  for (const m of answer.new_members) { const x = find(m.email_address); if (x) results.set(x.item.contactId, written(x, 'created', m)); }
  for (const m of answer.updated_members) {
    const x = find(m.email_address);
    if (!x) continue;
    // Mailchimp may keep an unsubscribed or cleaned member so without a word in errors[]
    // (strangerstudios/pmpro-mailchimp#151): the status it answers with is the truth
    const kept = x.consent && m.status !== undefined && m.status !== 'subscribed' ? m.status : undefined;
    results.set(x.item.contactId, kept === undefined ? written(x, 'updated', m) : rejected(
      x,
      `Mailchimp kept this contact ${kept} although it has marketing consent in Ferry: a person who unsubscribed or bounced can only subscribe again through a Mailchimp signup form. Its other details were updated.`,
      `updated_members status: ${kept}`,
    ));
  }
  const exists: Work[] = [];
  for (const e of answer.errors) {
    const x = find(e.email_address);
    if (!x) continue;
    if (e.error_code === 'ERROR_CONTACT_EXISTS') {
      exists.push(x);
      continue;
    }
    const words = [e.error, e.field && e.field_message ? `${e.field}: ${e.field_message}` : e.field_message].filter(Boolean).join(' ');
    results.set(x.item.contactId, rejected(x, `Mailchimp did not accept this contact: ${words || 'no reason given'}`, [e.error_code, words].filter(Boolean).join(': ')));
  }
  return exists;
}

/** Updates (or, if it vanished meanwhile, adds as non-subscribed) a member without touching its status. */
async function putMember(w: MemberWriter, work: Work): Promise<PushResult> {
  try {
    const answer = memberSchema.parse(await w.call('PUT', `/lists/${encodeURIComponent(w.listId)}/members/${work.hash}`, {
      email_address: work.email,
      status_if_new: work.consent ? 'subscribed' : 'transactional',
      // the whole record (plus what was cleared): a member that vanished is made again complete
      merge_fields: { ...work.mergeFields, ...sendable(mergeFieldsToSend(work.item.payload, {}, w.wire), w.refusedFields) },
    }));
    return written(work, 'updated', answer);
  } catch (error) {
    if (error instanceof MailchimpHttpError && error.status === 400) return rejected(work, `Mailchimp did not accept this contact: ${memberRefusal(error)}`, memberRefusal(error));
    throw error;
  }
}

/** Written without some fields: set aside (and sent again once there is room), saying which fields and why. */
function homelessFields(work: Work): PushResult {
  const names = work.homeless.map((f) => `'${f.name}'`).join(', ');
  return rejected(
    work,
    `The contact reached Mailchimp, but its field${work.homeless.length > 1 ? 's' : ''} ${names} did not: the audience has no room for another field (Mailchimp allows 30 audience fields, 80 on Premium). Delete an audience field you do not use in Mailchimp, then retry this contact.`,
    work.homeless.map((f) => f.crmError).join(' | '),
  );
}

async function setTags(w: MemberWriter, work: Work, add: string[]): Promise<PushResult | null> {
  const tags = [...add.map((name) => ({ name, status: 'active' })), ...work.tagsRemoved.map((name) => ({ name, status: 'inactive' }))];
  try {
    await w.call('POST', `/lists/${encodeURIComponent(w.listId)}/members/${work.hash}/tags`, { tags });
    return null;
  } catch (error) {
    if (!(error instanceof MailchimpHttpError) || error.status >= 500 || error.status === 429 || error.status === 401 || error.status === 403) throw error;
    return rejected(work, `The contact reached Mailchimp, but its tags did not: ${memberRefusal(error)}`, memberRefusal(error));
  }
}
