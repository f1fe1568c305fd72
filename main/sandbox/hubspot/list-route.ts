import { queryList, type Reply, type SandboxRequest } from '../shared/http';
import { validationError } from './errors';
import type { HubSpotContext } from './context';
import { contactValues } from './state';
import { publicObject } from './wire';

/**
 * GET /crm/v3/objects/contacts?limit=&after=&properties= — the list endpoint a
 * first full pull reads. HubSpot: "limit: The maximum number of results to
 * display per page" (max 100), `after` is the paging cursor from
 * `paging.next.after`, results in id order, not archived
 * (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts;
 * the list endpoint has no 10,000-result cap, unlike search). Counted in the
 * ten-secondly budget like any standard request.
 *
 * `archived=true`: "Whether to return only results that have been archived"
 * (the same page, developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/get-crm-v3-objects-contacts):
 * only archived records, each with `archived: true` and `archivedAt`, in id order,
 * no filter by time. HubSpot lists an archived contact for the 90 days it can be
 * restored (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/delete-crm-v3-objects-contacts-contactId:
 * "Deleted contacts can be restored within 90 days of deletion").
 */
const MAX_LIST_PAGE = 100;
const alwaysReturned = ['createdate', 'hs_object_id', 'lastmodifieddate'];
const defaultProperties = ['email', 'firstname', 'lastname'];

export function listContacts(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const limitText = req.query.get('limit');
  const limit = limitText === null ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) throw validationError(`Invalid 'limit' value: ${String(limitText)}`);
  const afterText = req.query.get('after');
  const after = afterText === null ? 0 : Number(afterText);
  if (!Number.isInteger(after) || after < 0) throw validationError(`Invalid 'after' value: ${String(afterText)}`);
  const pageSize = Math.min(limit, MAX_LIST_PAGE);
  const requested = queryList(req.query, 'properties') ?? defaultProperties;
  if (req.query.get('archived') === 'true') return archivedPage(ctx, after, pageSize, requested);
  const ids = [...ctx.store.contacts.keys()].map(Number).filter((id) => id >= after).sort((a, b) => a - b);
  const page = ids.slice(0, pageSize);
  const results = page.map((id) => {
    const record = ctx.store.contacts.get(String(id));
    if (!record) throw new Error('listed a contact that is gone');
    return publicObject(record.id, contactValues(record), record.createdAt, record.updatedAt, requested, alwaysReturned);
  });
  const body: Record<string, unknown> = { results };
  const next = ids[pageSize];
  if (next !== undefined) body.paging = { next: { after: String(next), link: `?after=${next}` } };
  return { status: 200, body };
}

function archivedPage(ctx: HubSpotContext, after: number, pageSize: number, requested: string[]): Reply {
  const ids = [...ctx.store.archivedContacts.keys()].map(Number).filter((id) => id >= after).sort((a, b) => a - b);
  const results = ids.slice(0, pageSize).map((id) => {
    const entry = ctx.store.archivedContacts.get(String(id));
    if (!entry) throw new Error('listed an archived contact that is gone');
    const { record, archivedAt } = entry;
    return { ...publicObject(record.id, contactValues(record), record.createdAt, record.updatedAt, requested, alwaysReturned), archived: true, archivedAt: new Date(archivedAt).toISOString() };
  });
  const body: Record<string, unknown> = { results };
  const next = ids[pageSize];
  if (next !== undefined) body.paging = { next: { after: String(next), link: `?after=${next}&archived=true` } };
  return { status: 200, body };
}
