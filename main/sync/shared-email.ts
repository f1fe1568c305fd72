import { destination } from '../../destinations';
import { displayName } from '../../preload/schemas/contact';
import type { Connection } from '../store/connections';
import { getContact } from '../store/contacts';
import type { Db } from '../store/db';
import { normalizeEmail } from '../store/normalize';
import { emailsOfWaitingLinks, firstWithSameEmail, type SharedEmail } from '../store/shared-email';
import type { PushResult } from './connector';
import type { PlannedItem } from './planner';

/**
 * Two Ferry contacts with one e-mail, on a destination that matches a contact it has not
 * linked yet by e-mail (descriptor `matchesOnEmail`): sent, the second would write over
 * the first's record (HubSpot's upsert by e-mail, Zoho CRM's duplicate check on Email),
 * and the Ferry ID on that record would alternate between them on every push. So the
 * second is held: set aside like a contact the CRM refused (it waits in the outbox until
 * something changes), but counted and worded apart, since the CRM never saw it (outcome
 * 'held', preload/status/run-sentences.ts), with a sentence that names the first and says
 * what to do; a new e-mail, a merge, or the first's new e-mail or delete
 * (store/shared-email.ts releaseSharedEmailHolds) sends it again. The first is the one
 * linked on the connection, else the older one. A contact whose e-mail a linked contact is
 * moving away from waits (a per-record retry) until that change is sent.
 */

/** What the Sync log, the contact page and `ferry log` say about the held contact. */
export function sharedEmailSentence(other: Parameters<typeof displayName>[0] & { id: number }, email: string, crmName: string): string {
  const name = displayName(other);
  return `${name} (contact #${other.id}) in Ferry has the same e-mail address, ${email}, and ${crmName} matches contacts by e-mail: sending this one would write over ${name}'s record there. Merge the two in Ferry (Contacts → Duplicates), or change one of the e-mail addresses.`;
}

/** A contact held for an e-mail another contact has there, with the sentence the Sync log shows. */
export interface HeldResult {
  contactId: number;
  outcome: 'held';
  message: string;
  crmError: string;
}

/** What the hold decided for one contact: held, or (the other's record is leaving the address) a per-record retry. */
export type HoldResult = HeldResult | (PushResult & { outcome: 'retry' });

/** Splits a planned batch into what is sent and the contacts held for an e-mail another contact has there. */
export function holdSharedEmails(db: Db, connection: Connection, planned: PlannedItem[]): { send: PlannedItem[]; held: PlannedItem[]; results: HoldResult[] } {
  const { matchesOnEmail, sentenceName: crmName } = destination(connection.kind);
  if (!matchesOnEmail) return { send: planned, held: [], results: [] };
  const send: PlannedItem[] = [];
  const held: PlannedItem[] = [];
  const results: HoldResult[] = [];
  let moving: Map<string, number> | undefined;
  for (const p of planned) {
    const first = p.item.contact.emails[0]?.value;
    if (p.item.externalId !== null || !first) {
      send.push(p);
      continue;
    }
    moving ??= emailsOfWaitingLinks(db, connection.id);
    const movingId = moving.get(normalizeEmail(first));
    const shared: SharedEmail | null = firstWithSameEmail(db, connection.id, p.item.contactId)
      ?? (movingId !== undefined && movingId !== p.item.contactId ? { contactId: movingId, why: 'moving' } : null);
    const other = shared === null ? undefined : getContact(db, shared.contactId);
    if (!shared || !other) {
      send.push(p);
      continue;
    }
    const email = normalizeEmail(first);
    const crmError = `same e-mail as contact #${other.id}, which ${crmName} matches on`;
    held.push(p);
    results.push(shared.why === 'moving'
      // the other's record keeps the address until its change is sent: this one waits, then goes
      ? { contactId: p.item.contactId, outcome: 'retry', message: `${displayName(other)}'s record in ${crmName} still has the e-mail address ${email} until ${other.deletedAt === null ? `${displayName(other)}'s change` : 'its delete'} is sent`, crmError }
      : { contactId: p.item.contactId, outcome: 'held', message: sharedEmailSentence(other, email, crmName), crmError });
  }
  return { send, held, results };
}
