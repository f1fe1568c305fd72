import { json, queryList, type SandboxRequest } from '../shared/http';
import type { MailchimpHandler } from './context';
import { MailchimpError, notFound, validationFailed } from './errors';
import { memberOut } from './members';
import { listOf, memberAt } from './lookup';
import { mailchimpTime, MEMBER_STATUSES, type SandboxMember } from './state';

/**
 * GET /3.0/lists/{list_id}/members, as the Lists/Members API reference ("List members
 * info") and the official SDK's request type describe it (mailchimp/mailchimp-marketing-
 * typescript-sdk src/api/resources/lists/client/requests/ListMembersListsRequest.ts):
 * - `count`: "Default value is 10. Maximum value is 1000"; `offset`: records to skip;
 * - `status`: subscribed, unsubscribed, cleaned, pending, transactional or archived
 *   (ListMembersListsRequestStatus); without it, archived members are not listed (an
 *   archived contact is out of the audience; users ask for a way to list "all contacts,
 *   including archived" — brandonseydel/MailChimp.Net#529). Unverified: Ferry's pull
 *   tolerates either answer;
 * - `since_last_changed` / `before_last_changed`: "subscribers whose information changed
 *   after / before the set timeframe", ISO 8601 (the sandbox takes "after" strictly);
 *   a time it cannot read is a 400;
 * - `sort_field`: timestamp_opt, timestamp_signup or last_changed; `sort_dir`: ASC | DESC.
 *   Equal times have no documented order: the sandbox keeps insertion order among them.
 * - `fields`: top-level names and `members.<name>` (dot notation) to return.
 * Offsets count from the start of the filtered, sorted list as it is at each request:
 * a member changed between two pages moves, and the offsets of the ones after it shift.
 */
export const MAX_MEMBER_PAGE = 1000;

function timeParam(req: SandboxRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw validationFailed([{ field: name, message: `'${raw}' is not a valid ISO 8601 date and time.` }]);
  return ms;
}

function wholeParam(req: SandboxRequest, name: string, fallback: number, max: number): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw validationFailed([{ field: name, message: `${name} must be a whole number from 0 to ${max}.` }]);
  return n;
}

const SORT_FIELDS = ['timestamp_opt', 'timestamp_signup', 'last_changed'] as const;

/** the member with only the fields asked for (`members.<name>`), all of them when none are named */
function pick(out: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  const own = fields?.filter((f) => f.startsWith('members.')).map((f) => f.slice('members.'.length));
  if (!own || own.length === 0) return out;
  return Object.fromEntries(Object.entries(out).filter(([k]) => own.includes(k)));
}

export const listMembers: MailchimpHandler = (req, ctx) => {
  const list = listOf(req, ctx);
  const count = wholeParam(req, 'count', 10, MAX_MEMBER_PAGE);
  const offset = wholeParam(req, 'offset', 0, Number.MAX_SAFE_INTEGER);
  const status = req.query.get('status');
  if (status !== null && status !== 'archived' && !(MEMBER_STATUSES as readonly string[]).includes(status)) {
    throw validationFailed([{ field: 'status', message: `The value you selected is not a valid choice. Choose one of: ${[...MEMBER_STATUSES, 'archived'].join(', ')}.` }]);
  }
  const since = timeParam(req, 'since_last_changed');
  const before = timeParam(req, 'before_last_changed');
  const sortField = req.query.get('sort_field');
  if (sortField !== null && !(SORT_FIELDS as readonly string[]).includes(sortField)) throw validationFailed([{ field: 'sort_field', message: `Choose one of: ${SORT_FIELDS.join(', ')}.` }]);
  const dir = (req.query.get('sort_dir') ?? 'ASC').toUpperCase();
  if (dir !== 'ASC' && dir !== 'DESC') throw validationFailed([{ field: 'sort_dir', message: 'Choose ASC or DESC.' }]);

  const changed = (m: SandboxMember): number => Date.parse(m.last_changed);
  let members = Object.values(list.members).filter((m) => (status === null ? m.status !== 'archived' : m.status === status));
  if (since !== undefined) members = members.filter((m) => changed(m) > since);
  if (before !== undefined) members = members.filter((m) => changed(m) < before);
  if (sortField !== null) {
    const key = (m: SandboxMember): number => Date.parse(sortField === 'last_changed' ? m.last_changed : m.timestamp_signup) || 0;
    // a stable sort: equal times keep the audience's insertion order
    members = [...members].sort((a, b) => (dir === 'ASC' ? key(a) - key(b) : key(b) - key(a)));
  }
  const fields = queryList(req.query, 'fields');
  const page = members.slice(offset, offset + count).map((m) => pick(memberOut(list, m), fields));
  const body: Record<string, unknown> = { members: page, list_id: list.id, total_items: members.length };
  return json(200, fields?.length ? Object.fromEntries(Object.entries(body).filter(([k]) => k === 'members' || fields.includes(k))) : body);
};

/**
 * DELETE /3.0/lists/{list_id}/members/{subscriber_hash}: "Archive a list member. To
 * permanently delete, use the delete-permanent action" (Lists/Members API reference). 204.
 * Archiving a member that is already archived (or pending, or bounced) is refused with
 * 405 "This list member cannot be removed" (recorded answers in grouparoo/grouparoo
 * plugins/@grouparoo/mailchimp/__tests__/fixtures/integration/mailchimpExportContactsById.js).
 */
export const archiveMember: MailchimpHandler = (req, ctx) => {
  const list = listOf(req, ctx);
  const { member } = memberAt(req, list);
  if (!member) throw notFound();
  if (member.status === 'archived' || member.status === 'pending' || member.status === 'cleaned') {
    throw new MailchimpError(405, 'Method Not Allowed', 'This list member cannot be removed. Can not archive a contact that is bounced, pending or archived');
  }
  member.status = 'archived';
  member.last_changed = mailchimpTime(ctx.now());
  return { status: 204 };
};

/**
 * POST …/members/{subscriber_hash}/actions/delete-permanent: "Delete all personally
 * identifiable information related to a list member, and remove them from a list. This
 * will make it impossible to re-import the list member." (Lists/Members API reference). 204.
 */
export const deleteMemberPermanently: MailchimpHandler = (req, ctx) => {
  const list = listOf(req, ctx);
  const { hash, member } = memberAt(req, list);
  if (!member) throw notFound();
  delete list.members[hash];
  list.forgotten = [...(list.forgotten ?? []), hash];
  return { status: 204 };
};
