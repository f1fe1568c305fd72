import { z } from 'zod';
import { SyncError, type DeletedRecord, type PullPage, type PulledRecord, type StampJobs } from '../../sync/connector';
import { FERRY_KEY } from './field-schema';
import type { MailchimpCall } from './members';

/**
 * Mailchimp pull: the audience's members by modification time.
 *
 *   GET /lists/{list_id}/members?sort_field=last_changed&sort_dir=ASC&count=1000
 *       [&since_last_changed=<T − 1 s>][&offset=N]&fields=…
 *
 * The vendor's word (docs/vendor-facts.md, "Mailchimp: reading members"): `count` is
 * at most 1000; `offset` skips records of the list *as it is at that request*, so a
 * member changed while Ferry pages moves to the end and every offset after it shifts;
 * `since_last_changed` keeps members "whose information changed after the set
 * timeframe"; `last_changed` has one-second precision (…T19:31:55+00:00), so a mass
 * edit or an import gives many members one time, and equal times have no documented
 * order. (The official SDK's request type, mailchimp/mailchimp-marketing-typescript-sdk
 * ListMembersListsRequest.ts and ListMembersListsRequestSortField.ts.)
 *
 * So the window moves instead of the offset, as HubSpot's search does: the cursor
 * (stored by the engine with each applied page) is the `last_changed` of the last
 * member applied (`since`) and the contact_ids applied at exactly that second
 * (`seen`). The next request asks from one second before `since`, whether Mailchimp's
 * "after" is strict or not, so members that share `since` with the last page's
 * end are read (a strict `since_last_changed=since` would skip the ones on the next
 * page); those in `seen` are dropped, as is anything older than `since`. Only
 * when a whole page shares one second does the offset move, within that second
 * (`skip`). A crash resumes at the last applied page: nothing skipped, at most
 * one page read twice (matching links it once).
 */
export const MEMBER_PAGE = 1000;

const cursorSchema = z.object({ since: z.string().optional(), seen: z.array(z.string()).default([]), skip: z.number().int().min(0).default(0) });
type Cursor = z.infer<typeof cursorSchema>;

const memberSchema = z.object({
  id: z.string().optional().catch(undefined),
  contact_id: z.string().optional().catch(undefined),
  email_address: z.string().catch(''),
  status: z.string().optional().catch(undefined),
  last_changed: z.string().optional().catch(undefined),
  merge_fields: z.record(z.string(), z.unknown()).catch({}).default({}),
}).passthrough();
type Member = z.infer<typeof memberSchema>;
const pageSchema = z.object({ members: z.array(memberSchema) }).passthrough();

/** What a pull asks for: only what it reads (Mailchimp's `fields`, dot notation). */
const MEMBER_FIELDS = ['id', 'contact_id', 'email_address', 'status', 'last_changed', 'merge_fields'].map((f) => `members.${f}`).join(',');

/** A time as the `since_last_changed` filter takes it (ISO 8601 with an offset, to the second). */
const isoSecond = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const timeOf = (m: Member): number => (m.last_changed ? Date.parse(m.last_changed) : Number.NaN);
/** The link's id: the member's contact_id, stable whatever its e-mail (members.ts keeps the same). */
const idOf = (m: Member): string => m.contact_id ?? m.id ?? '';

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function toRecord(m: Member, keys: readonly string[]): PulledRecord {
  const values: Record<string, string> = {};
  for (const key of keys) values[key] = key === 'email_address' ? m.email_address : text(m.merge_fields[key]);
  const at = timeOf(m);
  const uid = text(m.merge_fields[FERRY_KEY]).trim();
  return { externalId: idOf(m), values, modifiedAt: Number.isNaN(at) ? null : at, ferryUid: uid || null };
}

export function membersQuery(cursor: Cursor): string {
  const params = new URLSearchParams({ sort_field: 'last_changed', sort_dir: 'ASC', count: String(MEMBER_PAGE), fields: `${MEMBER_FIELDS},total_items` });
  if (cursor.since) params.set('since_last_changed', isoSecond(Date.parse(cursor.since) - 1_000));
  if (cursor.skip > 0) params.set('offset', String(cursor.skip));
  return params.toString();
}

export async function pullMailchimpPage(call: MailchimpCall, listId: string, rawCursor: Readonly<Record<string, unknown>>, keys: readonly string[]): Promise<PullPage> {
  const parsed = cursorSchema.safeParse(rawCursor);
  const cursor: Cursor = parsed.success ? parsed.data : { seen: [], skip: 0 };
  const raw = await call('GET', `/lists/${encodeURIComponent(listId)}/members?${membersQuery(cursor)}`);
  const page = pageSchema.safeParse(raw);
  if (!page.success) throw new SyncError('server', 'Mailchimp sent a list of members Ferry could not read. Ferry will try again.', { crmError: `unexpected members page: ${JSON.stringify(raw).slice(0, 300)}` });
  const rows = page.data.members;
  const since = cursor.since ? Date.parse(cursor.since) : Number.NEGATIVE_INFINITY;
  const seen = new Set(cursor.seen);
  // what is new in this page: after `since`, or at `since` and not applied yet; an archived
  // member (listed only when asked for by status, but tolerated) is a delete, not a contact
  const fresh = rows.filter((m) => {
    const at = timeOf(m);
    if (Number.isNaN(at) || idOf(m) === '') return false;
    return (at > since || (at === since && !seen.has(idOf(m)))) && m.status !== 'archived';
  });
  const done = rows.length < MEMBER_PAGE;
  const last = rows.reduce((latest, m) => { const at = timeOf(m); return Number.isNaN(at) ? latest : Math.max(latest, at); }, since);
  let next: Cursor;
  if (last > since) {
    // the window moves to the latest time read; the members read at that second are remembered
    next = { since: isoSecond(last), seen: rows.filter((m) => timeOf(m) === last).map(idOf), skip: 0 };
  } else {
    // the whole page shares `since` (or is older): page by offset within it
    next = { ...(cursor.since ? { since: cursor.since } : {}), seen: [...new Set([...cursor.seen, ...rows.map(idOf)])], skip: done ? 0 : cursor.skip + rows.length };
  }
  return { records: fresh.map((m) => toRecord(m, keys)), next, done };
}

/**
 * Writes Ferry's key (FERRYID) on members a pull linked, through Mailchimp's Batch
 * Operations: one `POST /batches` per STAMPS_PER_BATCH members, each operation the PATCH
 * a single stamp would be, `PATCH /lists/{list_id}/members/{contact_id}` with only that
 * merge field. A PATCH by contact_id updates that member and nothing else: it never
 * creates one (a member gone meanwhile is that operation's 404) and never touches its
 * status, so an unsubscribed or cleaned member stays so. Not the batch subscribe
 * (`POST /lists/{list_id}`): it is keyed on e-mail (a member whose address changed since
 * the read would be added again) and its `update_existing` is, in Mailchimp's words,
 * "whether this batch operation will change existing members' subscription status"
 * (docs/vendor-facts.md, "Mailchimp: stamping FERRYID").
 *
 * Mailchimp runs a batch later, one batch per account at a time (a recorded batch of 500
 * took four and a half minutes), so Ferry does not wait for it: holding the pull (and the
 * connection's lease, which pushes need) for Mailchimp's queue would cost more than the
 * calls it saves. Each operation succeeds or fails on its own; one Mailchimp refuses (a
 * 400: the audience has no room for the field, an address it now refuses; a 404: deleted
 * meanwhile) leaves that member linked by contact_id, as a refused single PATCH did; a
 * later pull reads the batch's results and says so in the Sync log (stamp-outcome.ts).
 * A batch Mailchimp does not accept (5xx, 429, 401…) throws, so the pull retries it; a
 * batch sent twice (an answer lost) writes the same value twice. A push finds a member by
 * its e-mail's hash and the link's contact_id, never by FERRYID: the stamp is what lets a
 * pull in another data folder, or after a lost link, match the member to its contact by
 * Ferry's own id (main/pull/match.ts).
 */
export const STAMPS_PER_BATCH = 500;

const acceptedBatch = z.object({ id: z.string().min(1) }).passthrough();

export async function stampFerryIds(call: MailchimpCall, listId: string, links: { externalId: string; uid: string }[]): Promise<StampJobs> {
  const jobs: StampJobs['jobs'] = [];
  for (let i = 0; i < links.length; i += STAMPS_PER_BATCH) {
    const operations = links.slice(i, i + STAMPS_PER_BATCH).map((l) => ({
      method: 'PATCH',
      path: `/lists/${encodeURIComponent(listId)}/members/${encodeURIComponent(l.externalId)}`,
      operation_id: l.uid,
      // the guide's format: an operation's body is a string of JSON
      body: JSON.stringify({ merge_fields: { [FERRY_KEY]: l.uid } }),
    }));
    const answer = acceptedBatch.safeParse(await call('POST', '/batches', { operations }));
    if (!answer.success) throw new SyncError('server', 'Mailchimp did not confirm it took the Ferry IDs to write. Ferry will try again.', { crmError: 'POST /batches answered without a batch id' });
    jobs.push({ id: answer.data.id, records: operations.length });
  }
  // each batch is read back on a later pull (stamp-outcome.ts, main/pull/stamp-outcomes.ts)
  return { jobs };
}

/**
 * The audience's archived members (Mailchimp's delete: "Archive list member"; restorable
 * by adding the address again), every page: `status=archived`, 1000 per call, only the
 * ids. The list endpoint filters by status (ListMembersListsRequestStatus includes
 * `archived`); the engine's deletedRecords contract has no checkpoint, so the whole list
 * is read, as HubSpot's archived list is: ceil(archived / 1000) calls per pull.
 * A member deleted permanently is gone from every list and is never seen here.
 */
export async function listArchivedMembers(call: MailchimpCall, listId: string): Promise<DeletedRecord[]> {
  const out: DeletedRecord[] = [];
  for (let offset = 0; ; offset += MEMBER_PAGE) {
    const params = new URLSearchParams({ status: 'archived', count: String(MEMBER_PAGE), offset: String(offset), fields: 'members.id,members.contact_id,members.status,members.last_changed' });
    const page = pageSchema.parse(await call('GET', `/lists/${encodeURIComponent(listId)}/members?${params.toString()}`));
    for (const m of page.members) {
      if (m.status !== undefined && m.status !== 'archived') continue;
      const at = timeOf(m);
      if (idOf(m)) out.push({ externalId: idOf(m), deletedAt: Number.isNaN(at) ? null : at });
    }
    if (page.members.length < MEMBER_PAGE) return out;
  }
}
