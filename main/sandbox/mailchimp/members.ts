import { invalidResource, MailchimpError } from './errors';
import { mailchimpTime, MEMBER_STATUSES, subscriberHash, type MemberStatus, type SandboxList, type SandboxMember, type SandboxMergeField } from './state';
import type { MailchimpContext } from './context';

/**
 * Member writes as Mailchimp's Lists/Members API describes them, shared by the
 * batch, PUT and PATCH routes. A refusal is a MemberRefusal: the batch route
 * reports it in `errors[]`, the single-member routes as a 400 problem.
 */
export class MemberRefusal extends Error {
  constructor(
    readonly email: string,
    readonly error: string,
    readonly errorCode: 'ERROR_GENERIC' | 'ERROR_CONTACT_EXISTS',
    readonly field?: string,
    readonly fieldMessage?: string,
    /** the problem's title on the single-member routes; Invalid Resource unless Mailchimp names it otherwise */
    readonly title = 'Invalid Resource',
  ) {
    super(error);
    this.name = 'MemberRefusal';
  }

  asProblem(): MailchimpError {
    if (this.title !== 'Invalid Resource') return new MailchimpError(400, this.title, this.error);
    return invalidResource(this.error, this.field ? [{ field: this.field, message: this.fieldMessage ?? this.error }] : undefined);
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export function checkEmail(ctx: MailchimpContext, email: unknown): string {
  const text = typeof email === 'string' ? email.trim() : '';
  // Mailchimp's words for an address it will not take (batch errors[] and the 400's detail)
  if (!EMAIL.test(text) || ctx.settings.rejectEmailPattern?.test(text)) {
    throw new MemberRefusal(text, `${text} looks fake or invalid, please enter a real email address.`, 'ERROR_GENERIC', 'email_address', 'Please provide a valid email address.');
  }
  return text;
}

export function checkStatus(email: string, status: unknown, field: string): MemberStatus {
  if (typeof status === 'string' && (MEMBER_STATUSES as readonly string[]).includes(status)) return status as MemberStatus;
  throw new MemberRefusal(email, `Invalid ${field} for ${email}.`, 'ERROR_GENERIC', field, `The value you selected is not a valid choice. Choose one of: ${MEMBER_STATUSES.join(', ')}.`);
}

/**
 * A value a typed merge field would not take (Merge fields guide, "Structure":
 * number fields hold numbers, dropdown and radio fields one of `options.choices`,
 * date fields a date; the API's date input is YYYY-MM-DD whatever the display
 * `date_format`). Field messages: the sandbox's words (unverified), keyed on by no one.
 */
function typedProblem(field: SandboxMergeField, value: unknown): string | null {
  switch (field.type) {
    case 'number':
      return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) ? null : 'Please enter a number.';
    case 'dropdown':
    case 'radio':
      return typeof value === 'string' && (field.options?.choices ?? []).includes(value) ? null : `'${String(value)}' is not one of the choices of this field.`;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'Please enter a valid date.';
    default:
      return null;
  }
}

/**
 * Merge field values: every tag must be one of the audience's merge fields, typed
 * fields take their type (typedProblem), and an address needs addr1, city, state
 * and zip (the Merge fields guide's address type).
 */
function applyMergeFields(list: SandboxList, member: SandboxMember, values: unknown): void {
  if (values === undefined) return;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new MemberRefusal(member.email_address, 'Your merge fields were invalid.', 'ERROR_GENERIC', 'merge_fields', 'merge_fields must be an object');
  const next: Record<string, unknown> = {};
  for (const [tag, value] of Object.entries(values as Record<string, unknown>)) {
    const field = list.mergeFields.find((f) => f.tag === tag.toUpperCase());
    if (!field) throw new MemberRefusal(member.email_address, 'Your merge fields were invalid.', 'ERROR_GENERIC', tag, 'This merge field does not exist in the audience.');
    const problem = value === '' ? null : typedProblem(field, value);
    if (problem) throw new MemberRefusal(member.email_address, 'Your merge fields were invalid.', 'ERROR_GENERIC', tag, problem);
    if (field.type === 'address' && value !== '') {
      const a = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      if (!['addr1', 'city', 'state', 'zip'].every((k) => typeof a[k] === 'string' && (a[k] as string).trim() !== '')) {
        throw new MemberRefusal(member.email_address, 'Your merge fields were invalid.', 'ERROR_GENERIC', tag, 'Please enter a complete address');
      }
    }
    next[field.tag] = value;
  }
  Object.assign(member.merge_fields, next);
}

/**
 * A member who unsubscribed, bounced or was cleaned cannot be put back to subscribed
 * through the API: 400 "Member In Compliance State", "<email> is in a compliance state
 * due to unsubscribe, bounce, or compliance review and cannot be subscribed." (real
 * answers quoted in ibericode/mailchimp-for-wordpress#798 and tbar0970/jethro-pmm#656).
 * In the batch the sandbox reports it in errors[]; whether Mailchimp does, or keeps the
 * member unsubscribed without a word (strangerstudios/pmpro-mailchimp#151), is not
 * documented, so the driver checks the status it gets back too.
 */
function setStatus(member: SandboxMember, status: MemberStatus, quietRefusal: boolean): void {
  if (status === 'subscribed' && (member.status === 'unsubscribed' || member.status === 'cleaned') ) {
    if (quietRefusal) return;
    throw new MemberRefusal(member.email_address, `${member.email_address} is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.`, 'ERROR_GENERIC', undefined, undefined, 'Member In Compliance State');
  }
  member.status = status;
}

export interface MemberInput {
  email_address?: unknown;
  status?: unknown;
  status_if_new?: unknown;
  merge_fields?: unknown;
  tags?: unknown;
}

/** Adds or updates one member; `updateStatus` says whether an existing member's status may change. Returns whether it was new. */
export function upsertMember(ctx: MailchimpContext, list: SandboxList, input: MemberInput, o: { updateExisting: boolean; updateStatus: boolean; statusRequired: boolean; quietComplianceRefusal?: boolean }): { member: SandboxMember; created: boolean } {
  const email = checkEmail(ctx, input.email_address);
  const hash = subscriberHash(email);
  const existing = list.members[hash];
  // "This will make it impossible to re-import the list member" (delete-permanent); the 400's title
  // and words as apps quote them (e.g. "… was permanently deleted and cannot be re-imported")
  if (!existing && list.forgotten?.includes(hash)) {
    throw new MemberRefusal(email, `${email} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.`, 'ERROR_GENERIC', undefined, undefined, 'Forgotten Email Not Subscribed');
  }
  if (existing && !o.updateExisting) {
    throw new MemberRefusal(email, `${email} is already a list member. Use PUT to insert or update list members.`, 'ERROR_CONTACT_EXISTS');
  }
  const status = input.status === undefined && !o.statusRequired ? undefined : checkStatus(email, input.status, 'status');
  const at = ctx.now();
  // work on a copy: a refused member leaves the audience as it was
  const member: SandboxMember = existing ? { ...existing, merge_fields: { ...existing.merge_fields }, tags: [...existing.tags] } : ctx.store.newMember(email, checkStatus(email, input.status_if_new ?? input.status, input.status_if_new === undefined ? 'status' : 'status_if_new'), at);
  applyMergeFields(list, member, input.merge_fields);
  if (existing && status !== undefined && o.updateStatus) setStatus(member, status, o.quietComplianceRefusal === true);
  // writing an archived member adds it back (Mailchimp's "Archive list member": "you can still re-add them"):
  // with the status the write names, else the one it names for a new member
  else if (existing?.status === 'archived') member.status = checkStatus(email, input.status ?? input.status_if_new, input.status === undefined ? 'status_if_new' : 'status');
  if (Array.isArray(input.tags)) for (const tag of input.tags.map(String)) if (!member.tags.includes(tag)) member.tags.push(tag);
  member.last_changed = mailchimpTime(at);
  list.members[hash] = member;
  return { member, created: !existing };
}

export function memberOut(list: SandboxList, m: SandboxMember): Record<string, unknown> {
  return {
    id: m.id, email_address: m.email_address, unique_email_id: m.unique_email_id, contact_id: m.contact_id, status: m.status, merge_fields: m.merge_fields,
    tags_count: m.tags.length, tags: m.tags.map((name, i) => ({ id: i + 1, name })), list_id: list.id, timestamp_signup: m.timestamp_signup, last_changed: m.last_changed,
  };
}
