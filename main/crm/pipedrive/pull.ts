import { z } from 'zod';
import type { PullPage, PulledRecord } from '../../sync/connector';
import type { FullPersonPage, PipedriveApi } from './api';
import { customValueText, OWN_KEYS } from './field-schema';
import type { FerryIdIndex } from './ferry-index';
import { PipedriveHttpError } from './transport';

/**
 * Pipedrive pull: `GET /api/v2/persons?updated_since=T&sort_by=update_time&sort_direction=asc&limit=500`,
 * page by page through `additional_data.next_cursor` (developers.pipedrive.com/docs/api/v2/Persons#getPersons;
 * the SDK's getPersons: `updated_since` "later than or equal to", RFC 3339; `limit` at most 500).
 *
 * Pipedrive's `update_time` has one-second precision ("2025-01-01T10:20:00Z"), so
 * many persons share one (an import, a bulk edit), and a person edited twice in
 * one second keeps the same time. The cursor the engine stores after each applied
 * page is `{ mark }`: the newest update_time applied. Pipedrive's own cursor is
 * "an opaque string" (pipedrive.readme.io/docs/core-api-concepts-pagination) with
 * no documented lifetime, so it is kept in memory only, for the pull in flight;
 * a pull without one (after a crash, a restart, or Pipedrive refusing it) asks
 * again from `updated_since = mark`, inclusive: the persons of that second are
 * read again, whatever their order among themselves (which Pipedrive does not
 * document), rather than risk skipping one. Re-reading them is harmless (an echo
 * changes nothing). Asking from the second after the mark would skip the persons
 * of the mark's second that the last page did not reach.
 */
export const PULL_PAGE_SIZE = 500;

const cursorSchema = z.object({ mark: z.string().optional() });

export interface PullDeps {
  api: PipedriveApi;
  ferryIdKey: string;
  /** Pipedrive's next_cursor (and the updated_since of the query it continues) by the engine cursor it continues, in this process only */
  cursors: Map<string, { cursor: string; since: string | undefined }>;
}

const ms = (time: string | null): number | null => {
  const t = time === null ? NaN : Date.parse(time);
  return Number.isNaN(t) ? null : t;
};

/** The payload keys mapping.ts and personBody fill, as Pipedrive holds them; any other key is a custom field's code. */
function toRecord(p: FullPersonPage['persons'][number], keys: readonly string[], ferryIdKey: string): PulledRecord {
  const list = (entries: typeof p.emails): string =>
    JSON.stringify(entries.filter((e) => e.value.trim() !== '').map((e) => ({ value: e.value.trim(), label: e.label ?? 'work', primary: e.primary })));
  const values: Record<string, string> = {};
  for (const key of keys) {
    if (key === 'name') values[key] = p.name;
    else if (key === 'emails') values[key] = list(p.emails);
    else if (key === 'phones') values[key] = list(p.phones);
    else if (!OWN_KEYS.has(key)) values[key] = customValueText(p.customFields[key]) ?? '';
  }
  const uid = customValueText(p.customFields[ferryIdKey]);
  return { externalId: String(p.id), values, modifiedAt: ms(p.updateTime), ferryUid: uid || null };
}

/** Custom fields to ask for: Ferry ID and the mapped ones; all of them (no parameter) beyond the 15 the parameter takes. */
function customKeys(keys: readonly string[], ferryIdKey: string): string[] | undefined {
  const wanted = [...new Set([ferryIdKey, ...keys.filter((k) => !OWN_KEYS.has(k))])];
  return wanted.length <= 15 ? wanted : undefined;
}

export async function pullPipedrivePage(deps: PullDeps, raw: Readonly<Record<string, unknown>>, keys: readonly string[]): Promise<PullPage> {
  const parsed = cursorSchema.safeParse(raw);
  const mark = parsed.success ? parsed.data.mark : undefined;
  const cursorKey = JSON.stringify({ mark });
  const going = deps.cursors.get(cursorKey);
  deps.cursors.delete(cursorKey);
  // a page after the first is asked with the query's own parameters and Pipedrive's cursor
  let since = going ? going.since : mark;
  const ask = (cursor: string | undefined): Promise<FullPersonPage> => {
    const customFieldKeys = customKeys(keys, deps.ferryIdKey);
    return deps.api.listChangedPersons({ ...(customFieldKeys ? { customFieldKeys } : {}), ...(since ? { updatedSince: since } : {}), ...(cursor ? { cursor } : {}) });
  };
  let page: FullPersonPage;
  try {
    page = await ask(going?.cursor);
  } catch (error) {
    // a cursor Pipedrive no longer takes (its lifetime is undocumented): ask again from the mark
    if (!(going && error instanceof PipedriveHttpError && error.status === 400)) throw error;
    since = mark;
    page = await ask(undefined);
  }
  const records = page.persons.map((p) => toRecord(p, keys, deps.ferryIdKey));
  let newest = mark;
  for (const p of page.persons) if (p.updateTime && (newest === undefined || (ms(p.updateTime) ?? 0) > (ms(newest) ?? 0))) newest = p.updateTime;
  const next = newest === undefined ? {} : { mark: newest };
  if (page.nextCursor) {
    deps.cursors.set(JSON.stringify({ mark: newest }), { cursor: page.nextCursor, since });
    return { records, next, done: false };
  }
  return { records, next, done: true };
}

/**
 * Writes Ferry's uid into the "Ferry ID" custom field of persons a pull linked
 * (PATCH /api/v2/persons/{id}, one request each: Pipedrive has no batch update
 * for persons), so a later push, from this data folder or after its link is
 * lost, finds the person by it (ferry-index.ts) instead of creating a copy. A
 * person deleted meanwhile (404/410) or refused (400) stays linked by id; the
 * next push writes the field with the rest.
 */
export async function stampFerryIds(api: PipedriveApi, ferryIdKey: string, index: FerryIdIndex, links: { externalId: string; uid: string }[]): Promise<void> {
  for (const link of links) {
    const id = Number(link.externalId);
    if (!Number.isInteger(id)) continue;
    try {
      await api.updatePerson(id, { custom_fields: { [ferryIdKey]: link.uid } });
      index.remember(link.uid, id);
    } catch (error) {
      if (!(error instanceof PipedriveHttpError && [400, 404, 410].includes(error.status))) throw error;
    }
  }
}
