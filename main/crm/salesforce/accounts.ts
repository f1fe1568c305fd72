import { z } from 'zod';
import type { Connection as SfConnection } from 'jsforce';
import type { Contact } from '../../../preload/schemas/contact';
import { SyncError, type CompanyLinkCache, type PushItem, type PushResult } from '../../sync/connector';
import { websiteDomain } from '../shared/company-key';
import { COLLECTION_SIZE, createRecords } from './api';
import { crmErrorOf, duplicateMatches } from './errors';

/**
 * Contacts → their Salesforce Account (a Contact's `AccountId`; a Lead keeps its
 * `Company` text), found by name and website or created, with the same care as
 * contacts get from duplicate rules:
 * 1. the Accounts the connection already knows (company_links, no call);
 * 2. the others are looked up by Name (SOQL, which Salesforce answers from the
 *    record store itself: an Account a crashed push created is found, so
 *    "query, then create" cannot make a second one on the next push); an Account
 *    whose website is the contact's, or one without a website, is the company; two
 *    such Accounts are a conflict for the rep, never guessed;
 * 3. the rest are created (sObject Collections, 200 per call) with the duplicate
 *    rule header; a rule that blocks the create and names one Account links it,
 *    several are a conflict.
 * The Account's id goes into the contact's `AccountId` as it is written, so the
 * link costs no call of its own.
 */

/** The reserved payload key (never a field) naming the Account a Contact is linked to: `name|domain`. */
export const ACCOUNT_KEY = '__account';

/** `Globex|globex.example.com`, or '' when the contact names no company. */
export function accountKey(contact: Contact): string {
  const name = contact.company.trim();
  return name ? `${name.toLowerCase()}|${websiteDomain(contact.website)}` : '';
}

/** The account key of an item's payload ('' when none). */
const keyOf = (i: PushItem): string => i.payload[ACCOUNT_KEY] ?? '';

/** What pushItems needs per contact: the Account id to write, or a result that replaces the write. */
export type AccountLinks = { ids: Map<number, string | null>; results: Map<number, PushResult> };

const soqlString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const accountRows = z.object({ records: z.array(z.object({ Id: z.string(), Name: z.string().nullable().optional(), Website: z.string().nullable().optional() }).passthrough()) }).passthrough();

/** Names per query: 20 names of up to 80 characters keep the URL under the 2,000 characters Salesforce recommends. */
const NAMES_PER_QUERY = 20;

async function accountsNamed(conn: SfConnection, names: string[]): Promise<Array<{ id: string; name: string; domain: string }>> {
  const out: Array<{ id: string; name: string; domain: string }> = [];
  for (let i = 0; i < names.length; i += NAMES_PER_QUERY) {
    const soql = `SELECT Id, Name, Website FROM Account WHERE Name IN (${names.slice(i, i + NAMES_PER_QUERY).map(soqlString).join(',')})`;
    const parsed = accountRows.safeParse(await conn.request(`/query?q=${encodeURIComponent(soql)}`));
    if (!parsed.success) throw new SyncError('server', 'Salesforce sent an answer Ferry could not read. Ferry will try again.', { crmError: 'unexpected Account query result' });
    for (const r of parsed.data.records) out.push({ id: r.Id, name: (r.Name ?? '').trim().toLowerCase(), domain: websiteDomain(r.Website ?? '') });
  }
  return out;
}

type Decision = { id: string } | { conflict: string[] } | null;

/** Which existing Account is this key's company: the same name with the same website, or without one. */
function pick(key: string, accounts: Array<{ id: string; name: string; domain: string }>): Decision {
  const [name, domain] = key.split('|') as [string, string];
  const named = accounts.filter((a) => a.name === name);
  const fits = named.filter((a) => !domain || !a.domain || a.domain === domain);
  const exact = domain ? fits.filter((a) => a.domain === domain) : [];
  const chosen = exact.length > 0 ? exact : fits;
  if (chosen.length === 1) return { id: (chosen[0] as { id: string }).id };
  return chosen.length > 1 ? { conflict: chosen.map((a) => a.id) } : null;
}

function conflictResult(item: PushItem, ids: string[], crmError: string): PushResult {
  return {
    contactId: item.contactId, outcome: 'conflict', candidates: ids, crmError,
    message: `Salesforce has ${ids.length} Accounts that match the company '${item.contact.company.trim()}', and Ferry will not guess which one this contact works for. Merge them in Salesforce, or give the company's website in Ferry.`,
  };
}

/** The Account of each Contact item (null: unlink), or the result that stands instead of writing it. */
export async function linkAccounts(conn: SfConnection, items: PushItem[], cache: CompanyLinkCache | undefined): Promise<AccountLinks> {
  const links: AccountLinks = { ids: new Map(), results: new Map() };
  const withKey = items.filter((i) => ACCOUNT_KEY in i.payload);
  for (const item of withKey) if (!item.payload[ACCOUNT_KEY]) links.ids.set(item.contactId, null);
  const keyed = withKey.filter((i) => keyOf(i));
  if (keyed.length === 0 || !cache) return links;
  const keys = [...new Set(keyed.map(keyOf))];
  const known = cache.get(keys);
  const conflicts = new Map<string, string[]>();
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length > 0) {
    // SOQL compares text case-insensitively: the lower-cased names find every spelling
    const accounts = await accountsNamed(conn, [...new Set(unknown.map((k) => k.split('|')[0] as string))]);
    const toCreate: string[] = [];
    for (const key of unknown) {
      const decision = pick(key, accounts);
      if (decision && 'id' in decision) known.set(key, decision.id);
      else if (decision) conflicts.set(key, decision.conflict);
      else toCreate.push(key);
    }
    for (let i = 0; i < toCreate.length; i += COLLECTION_SIZE) {
      const batch = toCreate.slice(i, i + COLLECTION_SIZE);
      const results = await createRecords(conn, 'Account', batch.map((key) => {
        const sample = keyed.find((x) => keyOf(x) === key);
        const domain = key.split('|')[1] ?? '';
        return { Name: sample?.contact.company.trim() ?? key, ...(domain ? { Website: `https://${domain}` } : {}) };
      }));
      results.forEach((r, n) => {
        const key = batch[n] as string;
        if (r.ok) { known.set(key, r.id); return; }
        const error = r.errors[0];
        const matches = error ? duplicateMatches(error).filter((m) => m.entityType === undefined || m.entityType === 'Account') : [];
        if (matches.length === 1) known.set(key, (matches[0] as { id: string }).id);
        else conflicts.set(key, matches.map((m) => m.id));
        if (error && matches.length !== 1) for (const x of keyed) if (keyOf(x) === key) links.results.set(x.contactId, matches.length > 1 ? conflictResult(x, matches.map((m) => m.id), crmErrorOf(error)) : { contactId: x.contactId, outcome: 'rejected', message: `Salesforce did not create the Account '${x.contact.company.trim()}': ${error.message}`, crmError: crmErrorOf(error) });
      });
    }
    cache.save(unknown.filter((k) => known.has(k)).map((key) => ({ key, externalId: known.get(key) as string })));
  }
  for (const x of keyed) {
    const key = keyOf(x);
    if (links.results.has(x.contactId)) continue;
    const id = known.get(key);
    if (id) links.ids.set(x.contactId, id);
    else links.results.set(x.contactId, conflictResult(x, conflicts.get(key) ?? [], `several Accounts match ${key}`));
  }
  return links;
}

