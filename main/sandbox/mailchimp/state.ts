import { createHash, randomBytes } from 'node:crypto';

/** A member as the sandbox keeps it (the fields Ferry and its tests read). */
export interface SandboxMember {
  id: string;
  email_address: string;
  unique_email_id: string;
  /** stable for the member's life, whatever its e-mail (the API's `contact_id`) */
  contact_id: string;
  /** 'archived': deleted in Mailchimp (DELETE …/members/{hash}, or Archive in the app); a write adds it back */
  status: MemberStatus | 'archived';
  merge_fields: Record<string, unknown>;
  tags: string[];
  timestamp_signup: string;
  last_changed: string;
}

export interface SandboxMergeField {
  merge_id: number;
  tag: string;
  name: string;
  type: string;
  /** dropdown and radio: `choices`; date and birthday: `date_format`; text: `size` (Merge fields guide, "options") */
  options?: { choices?: string[]; date_format?: string; size?: number };
}

export interface SandboxList {
  id: string;
  name: string;
  members: Record<string, SandboxMember>;
  mergeFields: SandboxMergeField[];
  /** subscriber hashes of members deleted permanently: Mailchimp will not take them again (members.ts) */
  forgotten?: string[];
}

export interface MailchimpStoreData {
  lists: SandboxList[];
}

/** The member statuses Mailchimp's Lists/Members API knows. */
export const MEMBER_STATUSES = ['subscribed', 'unsubscribed', 'cleaned', 'pending', 'transactional'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** The sandbox's one audience (Mailchimp's Free plan has one audience); its id looks like Mailchimp's (10 hex characters). */
export const SANDBOX_AUDIENCE_ID = 'fe77e5a4d0';

/**
 * Every new audience's merge fields: "Merge fields with the tags *|FNAME|*, *|LNAME|*,
 * *|ADDRESS|*, and *|PHONE|* are present by default when an audience is created"
 * (mailchimp.com/developer/marketing/docs/merge-fields/, "Structure").
 */
function defaultMergeFields(): SandboxMergeField[] {
  return [
    { merge_id: 1, tag: 'FNAME', name: 'First Name', type: 'text' },
    { merge_id: 2, tag: 'LNAME', name: 'Last Name', type: 'text' },
    { merge_id: 3, tag: 'ADDRESS', name: 'Address', type: 'address' },
    { merge_id: 4, tag: 'PHONE', name: 'Phone Number', type: 'phone' },
  ];
}

/**
 * Merge fields per audience, defaults included: 30 on most plans, 80 on Premium.
 * Mailchimp's own extension team confirmed the 30 ("we can't change the maximum
 * allowed in Mailchimp", mailchimp/mc-magento#957; PR #1062 caps at 30).
 */
export const MAX_MERGE_FIELDS = 30;

/**
 * A time as Mailchimp writes it: ISO 8601 to the second with an offset, e.g.
 * `2022-02-23T19:31:55+00:00` (`last_changed`, `timestamp_signup` in recorded
 * answers: grouparoo/grouparoo plugins/@grouparoo/mailchimp/__tests__/fixtures/).
 * One-second precision: many members written in one second share one `last_changed`.
 */
export const mailchimpTime = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');

export const subscriberHash = (email: string): string => createHash('md5').update(email.trim().toLowerCase()).digest('hex');

export class MailchimpStore {
  lists = new Map<string, SandboxList>();

  constructor() {
    this.reset();
  }

  reset(): void {
    this.lists = new Map([[SANDBOX_AUDIENCE_ID, { id: SANDBOX_AUDIENCE_ID, name: 'Ferry Sandbox Audience', members: {}, mergeFields: defaultMergeFields() }]]);
  }

  list(id: string): SandboxList | undefined {
    return this.lists.get(id);
  }

  newMember(email: string, status: MemberStatus, at: number): SandboxMember {
    const when = mailchimpTime(at);
    return { id: subscriberHash(email), email_address: email.trim(), unique_email_id: randomBytes(5).toString('hex'), contact_id: randomBytes(16).toString('hex'), status, merge_fields: {}, tags: [], timestamp_signup: when, last_changed: when };
  }

  toData(): MailchimpStoreData {
    return { lists: [...this.lists.values()] };
  }

  loadData(data: MailchimpStoreData): void {
    if (!Array.isArray(data.lists) || data.lists.length === 0) return;
    this.lists = new Map(data.lists.map((l) => [l.id, l]));
  }
}
