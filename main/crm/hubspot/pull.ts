import type { PullPage, PulledRecord } from '../../sync/connector';
import type { HubSpotApis } from './api';
import { FERRY_ID } from './mapping';

/**
 * HubSpot pull. The cursor (kept by the engine, main/pull/) is one of:
 * - `{}` → a first full pull through the list endpoint, in id order
 *   (`GET /crm/v3/objects/contacts?limit=100&after=…&properties=…`; no result cap);
 * - `{ phase: 'list', after, startedAt }` → the next list page; `startedAt` is when
 *   the full pull began: anything changed since is read again by search after it;
 * - `{ phase: 'search', since, after? }` → incremental: search on
 *   `lastmodifieddate GTE since`, ascending, 200 per page (HubSpot's page maximum).
 *
 * Search returns at most 10,000 results per query and HubSpot gives no tie order
 * for equal times, so the window moves instead of paging: every page starts again
 * at the latest modification time it saw (GTE: records at exactly that time are
 * read twice, which matching makes harmless). Only a page whose records all share
 * one time pages by offset within that time. developers.hubspot.com/docs/
 * api-reference/2026-03/crm/search-the-crm, "Limitations" (5 requests per second,
 * 200 per page, 10,000 per query). Search requests wait on the search budget
 * (the engine's PullContext.search), list and stamp requests on the general one.
 */
const LIST_PAGE = 100;
const SEARCH_PAGE = 200;
const SEARCH_MAX_RESULTS = 10_000;

interface ListCursor { phase: 'list'; after?: string; startedAt: number }
interface SearchCursor { phase: 'search'; since: number; after?: number }

function readCursor(raw: Readonly<Record<string, unknown>>, now: number): ListCursor | SearchCursor {
  if (raw.phase === 'search' && typeof raw.since === 'number') {
    return typeof raw.after === 'number' ? { phase: 'search', since: raw.since, after: raw.after } : { phase: 'search', since: raw.since };
  }
  if (raw.phase === 'list' && typeof raw.startedAt === 'number') {
    return typeof raw.after === 'string' ? { phase: 'list', after: raw.after, startedAt: raw.startedAt } : { phase: 'list', startedAt: raw.startedAt };
  }
  return { phase: 'list', startedAt: now };
}

interface HubSpotObject { id: string; properties: Record<string, string | null>; updatedAt?: Date | string }

function toRecord(o: HubSpotObject, keys: readonly string[]): PulledRecord {
  const values: Record<string, string> = {};
  for (const key of keys) values[key] = o.properties[key] ?? '';
  const modified = o.properties.lastmodifieddate ?? (o.updatedAt instanceof Date ? o.updatedAt.toISOString() : o.updatedAt ?? null);
  const ms = modified ? Date.parse(modified) : Number.NaN;
  const uid = o.properties[FERRY_ID];
  return { externalId: String(o.id), values, modifiedAt: Number.isNaN(ms) ? null : ms, ferryUid: uid ? uid : null };
}

export async function pullHubSpotPage(apis: HubSpotApis, searchApis: HubSpotApis, rawCursor: Readonly<Record<string, unknown>>, keys: readonly string[], now: number): Promise<PullPage> {
  const cursor = readCursor(rawCursor, now);
  const properties = [...new Set([...keys, FERRY_ID, 'lastmodifieddate'])];
  if (cursor.phase === 'list') {
    const page = await apis.contactPages.getPage(LIST_PAGE, cursor.after, properties);
    const records = page.results.map((o) => toRecord(o, keys));
    const after = page.paging?.next?.after;
    if (after) return { records, next: { phase: 'list', after, startedAt: cursor.startedAt }, done: false };
    return { records, next: { phase: 'search', since: cursor.startedAt }, done: true };
  }
  const offset = cursor.after ?? 0;
  const page = await searchApis.contactSearch.doSearch({
    filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(cursor.since) }] }],
    // HubSpot documents sorts as objects; the SDK types them as strings and sends what it is given
    sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }] as unknown as string[],
    properties,
    limit: SEARCH_PAGE,
    after: offset === 0 ? undefined : String(offset),
  } as Parameters<HubSpotApis['contactSearch']['doSearch']>[0]);
  const records = page.results.map((o) => toRecord(o, keys));
  const times = records.map((r) => r.modifiedAt).filter((t): t is number => t !== null);
  const latest = times.length > 0 ? Math.max(...times) : cursor.since;
  if (!page.paging?.next?.after) return { records, next: { phase: 'search', since: latest }, done: true };
  if (latest > cursor.since) return { records, next: { phase: 'search', since: latest }, done: false };
  // the whole page shares one modification time: page by offset inside it (HubSpot's cap still holds)
  const nextOffset = offset + SEARCH_PAGE;
  if (nextOffset + SEARCH_PAGE > SEARCH_MAX_RESULTS) return { records, next: { phase: 'search', since: cursor.since + 1 }, done: false };
  return { records, next: { phase: 'search', since: cursor.since, after: nextOffset }, done: false };
}

/** Writes `ferry_id` on linked records (100 per batch update, by record id), so a later push updates them. */
export async function stampFerryIds(apis: HubSpotApis, links: { externalId: string; uid: string }[]): Promise<void> {
  for (let i = 0; i < links.length; i += LIST_PAGE) {
    const chunk = links.slice(i, i + LIST_PAGE);
    await apis.contacts.update({ inputs: chunk.map((l) => ({ id: l.externalId, properties: { [FERRY_ID]: l.uid } })) });
  }
}
