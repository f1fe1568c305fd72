import { json, type Reply, type SandboxRequest } from '../shared/http';
import type { Router } from '../shared/router';
import type { MailchimpHandler } from './context';
import { invalidResource, jsonParseError, MailchimpError, notFound, validationFailed } from './errors';
import { memberOut, MemberRefusal, upsertMember, type MemberInput } from './members';
import { mailchimpTime, subscriberHash, type SandboxList } from './state';
import { listOf, memberAt } from './lookup';
import { archiveMember, deleteMemberPermanently, listMembers } from './member-list-route';

/**
 * The Marketing API v3 routes Ferry uses, under /3.0 (Mailchimp's API
 * reference: Ping, API Root, Lists, List members, Merge fields, Member tags).
 */

/** Mailchimp's batch subscribe/update limit: "Up to 500 members may be added or updated with each API call." */
export const MAX_BATCH_MEMBERS = 500;
/** A merge tag: at most 10 characters, capital letters, digits and underscores (Merge fields guide). */
const MERGE_TAG = /^[A-Z][A-Z0-9_]{0,9}$/u;

function bodyOf(req: SandboxRequest): Record<string, unknown> {
  if (req.rawBody.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.rawBody);
  } catch {
    throw jsonParseError();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw jsonParseError();
  return parsed as Record<string, unknown>;
}

function listOut(list: SandboxList): Record<string, unknown> {
  return { id: list.id, web_id: 1, name: list.name, stats: { member_count: Object.values(list.members).filter((m) => m.status === 'subscribed').length, total_contacts: Object.keys(list.members).length } };
}

/** POST /lists/{list_id}: batch subscribe or unsubscribe; per-member refusals go to errors[] with a 200. */
const batch: MailchimpHandler = (req, ctx) => {
  const list = listOf(req, ctx);
  const body = bodyOf(req);
  if (!Array.isArray(body.members)) throw validationFailed([{ field: 'members', message: 'Schema describes array, object found instead' }]);
  if (body.members.length > MAX_BATCH_MEMBERS) throw validationFailed([{ field: 'members', message: `You may only add or update ${MAX_BATCH_MEMBERS} members per request.` }]);
  const updateExisting = body.update_existing === true;
  const out = { new_members: [] as unknown[], updated_members: [] as unknown[], errors: [] as unknown[] };
  for (const raw of body.members) {
    const input = (typeof raw === 'object' && raw !== null ? raw : {}) as MemberInput;
    try {
      const { member, created } = upsertMember(ctx, list, input, { updateExisting, updateStatus: true, statusRequired: true, quietComplianceRefusal: ctx.settings.batchComplianceAnswer === 'silent' });
      (created ? out.new_members : out.updated_members).push(memberOut(list, member));
    } catch (error) {
      if (!(error instanceof MemberRefusal)) throw error;
      out.errors.push({ email_address: error.email, error: error.error, error_code: error.errorCode, ...(error.field ? { field: error.field, field_message: error.fieldMessage } : {}) });
    }
  }
  return json(200, { ...out, total_created: out.new_members.length, total_updated: out.updated_members.length, error_count: out.errors.length, _links: [] });
};

/** PUT /lists/{list_id}/members/{subscriber_hash}: add or update; status_if_new applies only to a new member. */
const putMember: MailchimpHandler = (req, ctx) => {
  const list = listOf(req, ctx);
  const body = bodyOf(req) as MemberInput;
  const { hash, member: existing } = memberAt(req, list);
  if (typeof body.email_address === 'string' && subscriberHash(body.email_address) !== hash) {
    throw invalidResource('The email address in the body does not match the subscriber hash in the URL.');
  }
  if (!existing && body.status_if_new === undefined && body.status === undefined) throw validationFailed([{ field: 'status_if_new', message: 'This value should not be blank.' }]);
  try {
    const { member } = upsertMember(ctx, list, body, { updateExisting: true, updateStatus: true, statusRequired: false });
    return json(200, memberOut(list, member));
  } catch (error) {
    if (error instanceof MemberRefusal) throw error.asProblem();
    throw error;
  }
};

/** PATCH …/members/{subscriber_hash}: update an existing member, including moving it to another address. */
const patchMember: MailchimpHandler = (req, ctx) => {
  const list = listOf(req, ctx);
  const body = bodyOf(req) as MemberInput;
  const { hash, member } = memberAt(req, list);
  if (!member) throw notFound();
  if (typeof body.email_address === 'string' && subscriberHash(body.email_address) !== hash) {
    const target = subscriberHash(body.email_address);
    if (list.members[target]) throw new MailchimpError(400, 'Member Exists', `${body.email_address.trim()} is already a list member. Use PUT to insert or update list members.`);
    delete list.members[hash];
    list.members[target] = { ...member, id: target, email_address: body.email_address.trim(), last_changed: mailchimpTime(ctx.now()) };
  }
  const { email_address: _moved, ...rest } = body;
  const current = list.members[subscriberHash(typeof body.email_address === 'string' ? body.email_address : member.email_address)];
  if (!current) throw notFound();
  try {
    const { member: updated } = upsertMember(ctx, list, { ...rest, email_address: current.email_address }, { updateExisting: true, updateStatus: true, statusRequired: false });
    return json(200, memberOut(list, updated));
  } catch (error) {
    if (error instanceof MemberRefusal) throw error.asProblem();
    throw error;
  }
};

const getMember: MailchimpHandler = (req, ctx) => {
  const list = listOf(req, ctx);
  const { member } = memberAt(req, list);
  if (!member) throw notFound();
  return json(200, memberOut(list, member));
};

/** POST …/members/{subscriber_hash}/tags: { tags: [{ name, status: active | inactive }] } → 204. */
const memberTags: MailchimpHandler = (req, ctx) => {
  const list = listOf(req, ctx);
  const { member } = memberAt(req, list);
  if (!member) throw notFound();
  const body = bodyOf(req);
  if (!Array.isArray(body.tags)) throw validationFailed([{ field: 'tags', message: 'This value should not be blank.' }]);
  for (const raw of body.tags) {
    const t = (typeof raw === 'object' && raw !== null ? raw : {}) as { name?: unknown; status?: unknown };
    const name = typeof t.name === 'string' ? t.name : '';
    if (!name || (t.status !== 'active' && t.status !== 'inactive')) throw validationFailed([{ field: 'tags', message: 'Each tag needs a name and a status of active or inactive.' }]);
    member.tags = t.status === 'active' ? (member.tags.includes(name) ? member.tags : [...member.tags, name]) : member.tags.filter((x) => x !== name);
  }
  member.last_changed = mailchimpTime(ctx.now());
  return { status: 204 };
};

const listMergeFields: MailchimpHandler = (req, ctx) => {
  const list = listOf(req, ctx);
  return json(200, { merge_fields: list.mergeFields.map((f) => ({ ...f, list_id: list.id, required: false, public: false })), list_id: list.id, total_items: list.mergeFields.length });
};

/** POST …/merge-fields: { name, type, tag? }; a tag the audience has already is refused. */
const createMergeField: MailchimpHandler = (req, ctx) => {
  const list = listOf(req, ctx);
  const body = bodyOf(req);
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  const type = typeof body.type === 'string' ? body.type : '';
  if (!name || !type) throw validationFailed([...(name ? [] : [{ field: 'name', message: 'This value should not be blank.' }]), ...(type ? [] : [{ field: 'type', message: 'This value should not be blank.' }])]);
  const tag = typeof body.tag === 'string' ? body.tag.toUpperCase() : `MMERGE${list.mergeFields.length + 1}`;
  if (!MERGE_TAG.test(tag)) throw validationFailed([{ field: 'tag', message: 'Merge tags may be up to 10 characters: letters, digits and underscores.' }]);
  if (list.mergeFields.some((f) => f.tag === tag)) throw invalidResource(`A Merge Field with the tag "${tag}" already exists for this list.`);
  // the limit's 400 is documented, its words are not (ours below): Ferry keys on the status and re-lists the fields
  if (list.mergeFields.length >= ctx.settings.maxMergeFields) throw invalidResource(`This audience already has ${list.mergeFields.length} audience fields, the most it may have.`);
  const given = (typeof body.options === 'object' && body.options !== null ? body.options : {}) as { choices?: unknown; date_format?: unknown };
  const choices = Array.isArray(given.choices) ? given.choices.filter((c): c is string => typeof c === 'string') : undefined;
  if ((type === 'dropdown' || type === 'radio') && !choices?.length) throw validationFailed([{ field: 'options.choices', message: 'This value should not be blank.' }]);
  const options = type === 'dropdown' || type === 'radio' ? { choices } : type === 'date' ? { date_format: typeof given.date_format === 'string' ? given.date_format : 'MM/DD/YYYY' } : undefined;
  const field = { merge_id: Math.max(0, ...list.mergeFields.map((f) => f.merge_id)) + 1, tag, name, type, ...(options ? { options } : {}) };
  list.mergeFields.push(field);
  return json(200, { ...field, list_id: list.id, required: false, public: false });
};

export function addMailchimpRoutes(router: Router<MailchimpHandler>): void {
  router
    .add('GET', '/3.0/ping', () => json(200, { health_status: 'Everything\'s Chimpy!' }))
    .add('GET', '/3.0', () => json(200, { account_id: 'f3rry5andb0x', login_id: '1000001', account_name: 'Ferry Sandbox', email: 'sandbox@ferry.invalid', role: 'owner', pricing_plan_type: 'monthly' }))
    .add('GET', '/3.0/lists', (_req, ctx) => json(200, { lists: [...ctx.store.lists.values()].map(listOut), total_items: ctx.store.lists.size }))
    .add('GET', '/3.0/lists/:list', (req, ctx): Reply => json(200, listOut(listOf(req, ctx))))
    .add('POST', '/3.0/lists/:list', batch)
    .add('GET', '/3.0/lists/:list/merge-fields', listMergeFields)
    .add('POST', '/3.0/lists/:list/merge-fields', createMergeField)
    .add('GET', '/3.0/lists/:list/members', listMembers)
    .add('GET', '/3.0/lists/:list/members/:hash', getMember)
    .add('DELETE', '/3.0/lists/:list/members/:hash', archiveMember)
    .add('PUT', '/3.0/lists/:list/members/:hash', putMember)
    .add('PATCH', '/3.0/lists/:list/members/:hash', patchMember)
    .add('POST', '/3.0/lists/:list/members/:hash/tags', memberTags)
    .add('POST', '/3.0/lists/:list/members/:hash/actions/delete-permanent', deleteMemberPermanently);
}
