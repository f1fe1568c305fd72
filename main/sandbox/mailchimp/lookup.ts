import type { SandboxRequest } from '../shared/http';
import type { MailchimpContext } from './context';
import { notFound } from './errors';
import { subscriberHash, type SandboxList } from './state';

/** The audience a /lists/{list_id}/… path names; 404 Resource Not Found when there is none. */
export function listOf(req: SandboxRequest, ctx: MailchimpContext): SandboxList {
  const list = ctx.store.list(req.params.list ?? '');
  if (!list) throw notFound();
  return list;
}

/**
 * The member a {subscriber_hash} path names: "The MD5 hash of the lowercase version
 * of the list member's email address. This endpoint also accepts a list member's
 * email address or contact_id." (Lists/Members API reference, path parameters)
 */
export function memberAt(req: SandboxRequest, list: SandboxList) {
  const raw = req.params.hash ?? '';
  const byId = raw.includes('@') ? subscriberHash(raw) : raw.toLowerCase();
  if (list.members[byId]) return { hash: byId, member: list.members[byId] };
  const found = Object.values(list.members).find((m) => m.contact_id === raw);
  return found ? { hash: found.id, member: found } : { hash: byId, member: undefined };
}

