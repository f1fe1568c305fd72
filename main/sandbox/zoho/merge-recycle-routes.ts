import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { ZohoContext, ZohoRoute } from './context';
import { invalidData, invalidModule } from './wire';

/**
 * Merge and the Recycle Bin, as Zoho CRM documents them:
 * - POST /{module}/{master_id}/actions/merge with `{ merge: [{ data: [{ id }] }] }`
 *   ("Merge Records API", zoho.com/crm/developer/docs/api/v8/merge-records.html): up to
 *   two children merge into the master, which keeps its id and its values; the
 *   children are deleted. The sandbox merges at once and answers `SUCCESS` (Zoho may
 *   also answer `SCHEDULED` with a job id); a master or child it does not hold is INVALID_DATA;
 * - DELETE /settings/recycle_bin/{id} (zoho/crm-oas v8.0 recycle_bin
 *   deleteRecycleBinRecord): deletes a Recycle Bin entry for good, answered in a
 *   `recycle_bin` list (`SUCCESS`, or an error entry); scope ZohoCRM.settings.recycle_bin.DELETE.
 */

function merge(req: SandboxRequest, ctx: ZohoContext): Reply {
  if (req.params.module !== 'Contacts') throw invalidModule();
  const master = ctx.store.records.get(req.params.id ?? '');
  if (!master) throw invalidData({ id: req.params.id ?? '' }, 'Specified master record ID is invalid');
  let children: unknown;
  try {
    children = (JSON.parse(req.rawBody) as { merge?: { data?: unknown }[] }).merge?.[0]?.data;
  } catch {
    throw invalidData({}, 'body is not a valid JSON');
  }
  if (!Array.isArray(children) || children.length === 0 || children.length > 2) throw invalidData({ api_name: 'data', json_path: '$.merge[0].data' });
  const ids = children.map((c) => String((c as { id?: unknown }).id ?? ''));
  const missing = ids.find((id) => id === master.id || !ctx.store.records.has(id));
  if (missing !== undefined) throw invalidData({ id: missing, json_path: '$.merge[0].data' }, 'the id given seems to be invalid');
  for (const id of ids) ctx.store.remove(id, 'recycle', ctx.now());
  master.modifiedAt = ctx.now();
  return { status: 200, body: { merge: [{ code: 'SUCCESS', details: { id: master.id }, message: 'records merged successfully', status: 'success' }] } };
}

function purge(req: SandboxRequest, ctx: ZohoContext): Reply {
  const id = req.params.id ?? '';
  const entry = ctx.store.deleted.find((d) => d.id === id && d.type === 'recycle');
  if (!entry) return { status: 400, body: { recycle_bin: [{ code: 'INVALID_DATA', details: { id }, message: 'the id given seems to be invalid', status: 'error' }] } };
  entry.type = 'permanent';
  entry.displayName = null;
  return { status: 200, body: { recycle_bin: [{ code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' }] } };
}

export function addMergeRecycleRoutes(api: Router<ZohoRoute>): void {
  api.add('DELETE', '/crm/:version/settings/recycle_bin/:id', { handler: purge, scopes: ['ZohoCRM.settings.recycle_bin.DELETE'], credits: 1 });
  api.add('POST', '/crm/:version/:module/:id/actions/merge', { handler: merge, scopes: ['ZohoCRM.modules.contacts.WRITE'], credits: 1 });
}
