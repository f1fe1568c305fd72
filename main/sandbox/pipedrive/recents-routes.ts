import type { Router } from '../shared/router';
import type { PipedriveRoute } from './context';
import { badRequest } from './errors';
import type { Person } from './store';

/**
 * GET /api/v1/recents as Pipedrive answers it for `items=person` (SDK `pipedrive` 33.x,
 * v1 RecentsApi.getRecents: "Returns data about all recent changes occurred after the
 * given timestamp"; `since_timestamp` "The timestamp in UTC. Format: YYYY-MM-DD HH:MM:SS",
 * required; offset paging by `start` and `limit`). Each entry is `{ item: 'person', id,
 * data }`, `data` a v1 person (models/merge-person-item: `active_flag` "Whether the person
 * is active or not", timestamps `YYYY-MM-DD HH:MM:SS`, custom fields at the root by key as
 * v1 has them: pipedrive-api-v2-migration-guide). `additional_data` carries
 * `since_timestamp`, `last_timestamp_on_page` and `pagination` `{ start, limit,
 * more_items_in_collection }` (models/get-recents-response-additional-data).
 *
 * A person deleted (or merged away) in the last 30 days is listed, once deleted, with
 * `active_flag: false` at the time of its delete; one erased after 30 days is gone
 * (store.ts). Sandbox choices where Pipedrive documents nothing, each unverified: what
 * "after" compares (here update_time, strictly later), the order (here oldest change
 * first, then id), the largest `limit` (here 500, as v2 lists) and the cost (a list).
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const v1Time = (rfc3339: string): string => rfc3339.replace('T', ' ').replace(/(\.\d+)?Z$/, '');

function v1Person(p: Person, active: boolean): Record<string, unknown> {
  return {
    id: p.id, name: p.name, active_flag: active,
    email: p.emails.map((e) => ({ ...e })), phone: p.phones.map((e) => ({ ...e })),
    add_time: v1Time(p.add_time), update_time: v1Time(p.update_time),
    ...p.custom_fields,
  };
}

export function addRecentsRoutes(api: Router<PipedriveRoute>): void {
  api.add('GET', '/api/v1/recents', { cost: 'list', write: false, handler: (req, ctx) => {
    const since = req.query.get('since_timestamp') ?? '';
    if (!TIMESTAMP.test(since)) throw badRequest('Validation failed: since_timestamp: must be a timestamp in the format YYYY-MM-DD HH:MM:SS');
    const sinceMs = Date.parse(`${since.replace(' ', 'T')}Z`);
    const start = Number(req.query.get('start') ?? 0);
    const limit = Number(req.query.get('limit') ?? 100);
    if (!Number.isInteger(start) || start < 0) throw badRequest('Validation failed: start: must be a non-negative integer');
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badRequest('Validation failed: limit: must be an integer between 1 and 500');
    ctx.store.recentsAsked.push({ since, start, limit });
    const items = (req.query.get('items') ?? 'person').split(',');
    const now = ctx.now();
    const rows = !items.includes('person') ? [] : [
      ...[...ctx.store.persons.values()].map((p) => ({ p, active: true })),
      ...ctx.store.keptDeleted(now).map((d) => ({ p: d.person, active: false })),
    ].filter((r) => Date.parse(r.p.update_time) > sinceMs)
      .sort((a, b) => Date.parse(a.p.update_time) - Date.parse(b.p.update_time) || a.p.id - b.p.id);
    const page = rows.slice(start, start + limit);
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        success: true,
        data: page.map((r) => ({ item: 'person', id: r.p.id, data: v1Person(r.p, r.active) })),
        additional_data: {
          since_timestamp: since,
          last_timestamp_on_page: last ? v1Time(last.p.update_time) : since,
          pagination: { start, limit, more_items_in_collection: rows.length > start + limit },
        },
      },
    };
  } });
}
