import type { SalesforceContext } from './context';
import type { ObjectName } from './schema';
import type { SfRecord } from './store';

/**
 * Salesforce's standard matching rules, as far as duplicate rules need them
 * (help.salesforce.com, "Standard Contact Matching Rule and Standard Lead Matching
 * Rule"; "Standard Lead Duplicate Rule"):
 * - they are fuzzy and name-based, not an e-mail lookup: a first name that matches
 *   loosely (here: same first letter, or one of them blank) and the same last name,
 *   plus the same e-mail, phone or company; or the same e-mail and company;
 * - in orgs created since Summer '17 the standard Lead rule also matches Contacts
 *   ("leads that duplicate other leads and contacts that duplicate leads"), and the
 *   Contact rule also matches Leads. A match result names its `entityType`.
 */
export interface MatchGroup {
  entityType: ObjectName;
  records: SfRecord[];
}

const lower = (v: string | undefined): string => (v ?? '').trim().toLowerCase();
const digits = (v: string | undefined): string => (v ?? '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
const companyOf = (fields: Record<string, string>): string => lower(fields.Company ?? fields.Ferry_Company__c ?? fields.Company__c);

function firstNamesMatch(a: string | undefined, b: string | undefined): boolean {
  const x = lower(a);
  const y = lower(b);
  return !x || !y || x[0] === y[0];
}

function isFuzzyMatch(candidate: Record<string, string>, existing: Record<string, string>): boolean {
  const sameEmail = lower(candidate.Email) !== '' && lower(candidate.Email) === lower(existing.Email);
  const samePhone = digits(candidate.Phone) !== '' && [existing.Phone, existing.MobilePhone].some((p) => digits(p) === digits(candidate.Phone));
  const sameCompany = companyOf(candidate) !== '' && companyOf(candidate) === companyOf(existing);
  const sameName = lower(candidate.LastName) !== '' && lower(candidate.LastName) === lower(existing.LastName) && firstNamesMatch(candidate.FirstName, existing.FirstName);
  return (sameName && (sameEmail || samePhone || sameCompany)) || (sameEmail && sameCompany);
}

/** An account name as the fuzzy company-name matching compares it: case, punctuation and legal suffixes ignored. */
const accountName = (v: string | undefined): string => lower(v).replace(/[.,&'"()]/g, ' ').replace(/\b(inc|incorporated|ltd|llc|gmbh|corp|corporation|co|company|sa|ag|plc)\b/g, ' ').replace(/\s+/g, ' ').trim();
const websiteHost = (v: string | undefined): string => lower(v).replace(/^[a-z]+:\/\//, '').replace(/^www\d?\./, '').replace(/[/?#].*$/, '');

/**
 * The Standard Account Matching Rule compares the Account Name fuzzily (company
 * names: case, punctuation and suffixes such as Inc. ignored) together with the
 * website, phone or billing address (help.salesforce.com, "Standard Account
 * Matching Rule"; the exact equation is approximated here with the two fields
 * Ferry writes): the same name with the same website, or with no website on either side.
 */
function isAccountMatch(candidate: Record<string, string>, existing: Record<string, string>): boolean {
  const name = accountName(candidate.Name);
  if (!name || name !== accountName(existing.Name)) return false;
  const a = websiteHost(candidate.Website);
  const b = websiteHost(existing.Website);
  return !a || !b || a === b;
}

/** The records a duplicate rule on `type` finds for these values, grouped by object (same object first). */
export function duplicateMatches(ctx: SalesforceContext, type: ObjectName, values: Record<string, string>, selfId: string | undefined): MatchGroup[] {
  if (type === 'Account') {
    const records = ctx.store.all('Account').filter((r) => r.id !== selfId && isAccountMatch(values, r.fields));
    return records.length > 0 ? [{ entityType: 'Account', records }] : [];
  }
  const objects: ObjectName[] = type === 'Lead' ? ['Lead', 'Contact'] : type === 'Contact' ? ['Contact', 'Lead'] : [type];
  return objects
    .map((entityType) => ({ entityType, records: ctx.store.all(entityType).filter((r) => r.id !== selfId && isFuzzyMatch(values, r.fields)) }))
    .filter((g) => g.records.length > 0);
}
