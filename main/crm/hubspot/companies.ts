import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/companies/index';
import type { StandardError } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index';
import type { CompanyLinkCache, PushItem } from '../../sync/connector';
import type { HubSpotApis } from './api';
import { COMPANY_KEY_PROPERTY } from './company-property';
import { crmErrorText } from './errors';
import { HubSpotHttpError } from './transport';

/**
 * Contacts → their HubSpot company, found or created by domain, then associated.
 *
 * For the contacts of one push (up to 2,000):
 * 1. the domains the connection already knows (company_links, no call);
 * 2. the others are searched by `domain` (one search per 100 domains): a company
 *    the team already has is used, never duplicated; with several, the oldest;
 * 3. the rest are upserted in one call per 100, keyed on `ferry_company_key`
 *    (= the domain, unique): a resend after a lost answer, or a teammate's laptop
 *    doing the same, finds the company that call created instead of making a
 *    second one. Search lags writes, so it is never the only guard;
 * 4. contacts whose company changed get the default contact → company
 *    association (v4 batch associate/default, 100 per call), and the association
 *    Ferry made to their previous company is archived.
 * On the demo data (15 companies) a first push of 10,000 contacts costs 1 search,
 * 1 upsert and 100 association calls; a re-sync costs none (the link's aux keeps
 * the associated company id, company_links the domains).
 */

/**
 * The reserved payload key (stripped before sending, like `__note`) naming the
 * domain of the company a contact is linked to: a contact whose company domain
 * changes is planned again. The company's name, used only to create it, is read
 * from the contact.
 */
export const COMPANY_DOMAIN_KEY = '__company_domain';

/** HubSpot's batch endpoints take at most 100 inputs; a search's IN filter is kept to as many values. */
const PER_CALL = 100;
/** HubSpot's search pages hold at most 200 results. */
const SEARCH_PAGE = 200;

export interface CompanyWork {
  item: PushItem;
  /** the HubSpot contact written by this push */
  contactRecordId: string;
  /** '' when the contact names no company domain */
  domain: string;
  name: string;
  /** the company Ferry associated last time */
  previousCompanyId: string | undefined;
}

/** `transient`: try again with the next sync (nothing was refused). */
export type CompanyOutcome = { ok: true; companyId: string | undefined } | { ok: false; message: string; crmError: string; transient: boolean };

function chunks<T>(xs: T[], size = PER_CALL): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** The company works of items just written, or [] when companies are not linked on this connection. */
export function companyWork(item: PushItem, contactRecordId: string): CompanyWork | null {
  if (!(COMPANY_DOMAIN_KEY in item.payload)) return null;
  const domain = item.payload[COMPANY_DOMAIN_KEY] ?? '';
  const previousCompanyId = item.aux.companyId || undefined;
  if (!domain && !previousCompanyId) return null;
  return { item, contactRecordId, domain, name: item.contact.company.trim(), previousCompanyId };
}

/** The team's companies with these domains, oldest first wins (a portal may already hold duplicates). */
async function searchByDomain(apis: HubSpotApis, domains: string[]): Promise<Map<string, string>> {
  const found = new Map<string, { id: string; n: number }>();
  for (const chunk of chunks(domains)) {
    let after: string | undefined;
    do {
      const page = await apis.companySearch.doSearch({
        filterGroups: [{ filters: [{ propertyName: 'domain', operator: FilterOperatorEnum.In, values: chunk }] }],
        properties: ['domain', 'name'],
        sorts: ['hs_object_id'],
        limit: SEARCH_PAGE,
        ...(after === undefined ? {} : { after }),
      });
      for (const company of page.results ?? []) {
        const domain = (company.properties.domain ?? '').trim().toLowerCase();
        const n = Number(company.id);
        const seen = found.get(domain);
        if (domain && (!seen || n < seen.n)) found.set(domain, { id: String(company.id), n });
      }
      after = page.paging?.next?.after;
    } while (after);
  }
  return new Map([...found].map(([domain, { id }]) => [domain, id]));
}

/** Creates (or finds again) the companies of these domains; one upsert per 100. */
async function upsertByKey(apis: HubSpotApis, domains: string[], names: Map<string, string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const chunk of chunks(domains)) {
    const response = await apis.companies.upsert({
      inputs: chunk.map((domain) => ({
        id: domain,
        idProperty: COMPANY_KEY_PROPERTY,
        // the name only when HubSpot has nothing better: an existing company keeps its own
        properties: { domain, ...(names.get(domain) ? { name: names.get(domain) ?? '' } : {}) },
        objectWriteTraceId: domain,
      })),
    });
    for (const r of response.results ?? []) {
      const key = r.objectWriteTraceId ?? r.properties[COMPANY_KEY_PROPERTY] ?? '';
      if (key && r.id) out.set(key, String(r.id));
    }
  }
  return out;
}

/** Contact ids and company ids a 207 names as missing. */
function namedIds(errors: StandardError[] | undefined): Set<string> {
  return new Set((errors ?? []).flatMap((e) => [...Object.values(e.context ?? {}).flat(), ...(e.id ? [e.id] : [])]).map(String));
}

async function associate(apis: HubSpotApis, pairs: { work: CompanyWork; companyId: string }[]): Promise<Set<string>> {
  const refused = new Set<string>();
  for (const chunk of chunks(pairs)) {
    const response = await apis.associations.createDefault('contacts', 'companies', {
      inputs: chunk.map((p) => ({ _from: { id: p.work.contactRecordId }, to: { id: p.companyId } })),
    });
    for (const id of namedIds(response.errors)) refused.add(id);
  }
  return refused;
}

async function dissociate(apis: HubSpotApis, pairs: { contactRecordId: string; companyId: string }[]): Promise<void> {
  for (const chunk of chunks(pairs)) {
    await apis.associations.archive('contacts', 'companies', { inputs: chunk.map((p) => ({ _from: { id: p.contactRecordId }, to: [{ id: p.companyId }] })) });
  }
}

/**
 * Links each work's contact to its company; one outcome per work, keyed by Ferry
 * contact id. Whole-request failures (429, 5xx, network, auth) are thrown for the engine.
 */
export async function linkCompanies(apis: HubSpotApis, works: CompanyWork[], cache: CompanyLinkCache, searchApis: HubSpotApis = apis): Promise<Map<number, CompanyOutcome>> {
  const domains = [...new Set(works.map((w) => w.domain).filter(Boolean))];
  const known = cache.get(domains);
  const unknown = domains.filter((d) => !known.has(d));
  if (unknown.length > 0) {
    const found = await searchByDomain(searchApis, unknown);
    cache.save([...found].map(([key, externalId]) => ({ key, externalId })));
    const names = new Map<string, string>();
    for (const w of works) if (w.name && !names.has(w.domain)) names.set(w.domain, w.name);
    const created = await upsertByKey(apis, unknown.filter((d) => !found.has(d)), names);
    cache.save([...created].map(([key, externalId]) => ({ key, externalId })));
    for (const [key, id] of [...found, ...created]) known.set(key, id);
  }

  const outcomes = new Map<number, CompanyOutcome>();
  const toAssociate: { work: CompanyWork; companyId: string }[] = [];
  const toDissociate: { contactRecordId: string; companyId: string }[] = [];
  for (const work of works) {
    const companyId = work.domain ? known.get(work.domain) : undefined;
    if (work.domain && !companyId) {
      outcomes.set(work.item.contactId, { ok: false, message: `HubSpot did not confirm the company ${work.domain}. Ferry will link it with the next sync.`, crmError: 'no result for this company', transient: true });
      continue;
    }
    if (work.previousCompanyId && work.previousCompanyId !== companyId) toDissociate.push({ contactRecordId: work.contactRecordId, companyId: work.previousCompanyId });
    // associating again is harmless (an association is a set): after a lost answer it is the way to be sure
    if (companyId && companyId !== work.previousCompanyId) toAssociate.push({ work, companyId });
    else outcomes.set(work.item.contactId, { ok: true, companyId });
  }
  await dissociate(apis, toDissociate);
  const refused = await associate(apis, toAssociate);
  const gone = new Set<string>();
  for (const { work, companyId } of toAssociate) {
    if (refused.has(companyId)) gone.add(work.domain);
    outcomes.set(work.item.contactId, refused.has(companyId) || refused.has(work.contactRecordId)
      ? { ok: false, message: `HubSpot could not link this contact to the company ${work.domain}; Ferry will look for the company again with the next sync.`, crmError: `association ${work.contactRecordId} → ${companyId} refused`, transient: true }
      : { ok: true, companyId });
  }
  // a company deleted or merged in HubSpot since Ferry found it: find it again next time
  cache.forget([...gone]);
  return outcomes;
}

/** A failed company call in the words of a record outcome, for errors HubSpot pins on the company step alone. */
export function companyFailure(error: HubSpotHttpError): CompanyOutcome {
  return { ok: false, message: `The contact reached HubSpot, but Ferry could not link its company (HTTP ${error.status}).`, crmError: crmErrorText(error), transient: error.status >= 500 || error.status === 429 };
}
