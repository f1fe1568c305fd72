import { z } from 'zod';

/** Merging and removing contacts: merge, GDPR delete and archive. */
import type { Reply, SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import { scopes, type HubSpotContext, type HubSpotRoute } from './context';
import { objectNotFound, validationError } from './errors';
import { contactValues } from './state';
import { parseBody, publicObject } from './wire';

/**
 * POST /crm/v3/objects/contacts/merge {primaryObjectId, objectIdToMerge}
 * (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/post-crm-v3-objects-contacts-merge):
 * answers 200 with the merged record, which has a NEW id; both old ids keep
 * resolving to it (developers.hubspot.com/changelog/updated-merge-functionality-for-contacts-and-companies).
 */
const mergeSchema = z.object({ primaryObjectId: z.string().min(1), objectIdToMerge: z.string().min(1) }).strict();

/**
 * POST /crm/v3/objects/contacts/gdpr-delete {objectId, idProperty?}
 * (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/post-crm-v3-objects-contacts-gdpr-delete):
 * permanently deletes the contact; "This response has no body data" (204).
 * With idProperty=email an unknown address is blocklisted instead; this
 * sandbox answers 204 for it and keeps no blocklist.
 */
const gdprSchema = z.object({ objectId: z.string().min(1), idProperty: z.string().optional() }).strict();

function merge(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const input = parseBody(req, mergeSchema);
  const primaryId = ctx.store.resolveContactId(input.primaryObjectId);
  const otherId = ctx.store.resolveContactId(input.objectIdToMerge);
  if (!ctx.store.contacts.has(primaryId)) throw objectNotFound(input.primaryObjectId);
  if (!ctx.store.contacts.has(otherId)) throw objectNotFound(input.objectIdToMerge);
  if (primaryId === otherId) throw validationError('Cannot merge a contact with itself.');
  const merged = ctx.store.mergeContacts(primaryId, otherId, ctx.now(), ctx.settings.searchLagMs);
  return { status: 200, body: { ...publicObject(merged.id, contactValues(merged), merged.createdAt, merged.updatedAt), archived: false } };
}

/**
 * DELETE /crm/v3/objects/contacts/{contactId}: archives the contact ("Deleted
 * contacts can be restored within 90 days"), 204 with no body
 * (developers.hubspot.com/docs/api-reference/crm-contacts-v3/basic/delete-crm-v3-objects-contacts-contactId).
 * An id that names nothing also answers 204 here; Ferry accepts a 404 too.
 */
function archive(req: SandboxRequest, ctx: HubSpotContext): Reply {
  ctx.store.archiveContact(req.params.id ?? '', ctx.now());
  return { status: 204 };
}

function gdprDelete(req: SandboxRequest, ctx: HubSpotContext): Reply {
  const input = parseBody(req, gdprSchema);
  if (input.idProperty === 'email') {
    const id = ctx.store.contactIdByEmail(input.objectId);
    if (id !== undefined) ctx.store.eraseContact(id);
    return { status: 204 };
  }
  if (!ctx.store.eraseContact(input.objectId)) throw objectNotFound(input.objectId);
  return { status: 204 };
}

export function addMergeRoutes(router: Router<HubSpotRoute>): void {
  const write = [scopes.contactsWrite];
  router
    .add('POST', '/crm/v3/objects/contacts/merge', { handler: merge, scopes: write, budget: 'standard' })
    .add('POST', '/crm/v3/objects/contacts/gdpr-delete', { handler: gdprDelete, scopes: write, budget: 'standard' })
    .add('DELETE', '/crm/v3/objects/contacts/:id', { handler: archive, scopes: write, budget: 'standard' });
}
