import { ZOHO_EDITIONS, zohoDailyCredits, type ZohoEdition } from '../../../destinations/zoho';

/**
 * What GET /crm/v8/org says about the org (get-org-data.html): its id (record
 * links use `org{id}`) and, in `license_details`, its edition (`paid_type`) and
 * user licences (`users_license_purchased`), which set its API credits and
 * concurrency (api-limits.html). Every field is read as optional.
 */
export interface OrgInfo {
  account?: string;
  edition?: ZohoEdition;
  licences?: number;
  /** credits per rolling 24 h, add-ons aside; undefined when the edition is unknown */
  dailyCredits?: number;
}

export function readOrg(json: unknown): OrgInfo {
  const org = (json as { org?: unknown } | undefined)?.org;
  const first: unknown = Array.isArray(org) ? org[0] : undefined;
  if (typeof first !== 'object' || first === null) return {};
  const o = first as Record<string, unknown>;
  const domain = typeof o.domain_name === 'string' ? /^org(\d+)$/.exec(o.domain_name)?.[1] : undefined;
  const id = domain ?? (typeof o.zgid === 'string' ? o.zgid : typeof o.id === 'string' ? o.id : undefined);
  const license = (typeof o.license_details === 'object' && o.license_details !== null ? o.license_details : {}) as Record<string, unknown>;
  const type = typeof license.paid_type === 'string' ? license.paid_type.toLowerCase().replace(/[^a-z]/g, '') : '';
  const edition = (Object.keys(ZOHO_EDITIONS) as ZohoEdition[]).find((e) => type.startsWith(e)) ?? (license.paid === false ? 'free' : undefined);
  const licences = typeof license.users_license_purchased === 'number' ? license.users_license_purchased : undefined;
  return {
    ...(id && /^[A-Za-z0-9]+$/.test(id) ? { account: id } : {}),
    ...(edition ? { edition } : {}),
    ...(licences === undefined ? {} : { licences }),
    ...(edition ? { dailyCredits: zohoDailyCredits(edition, licences ?? 0) } : {}),
  };
}

/** The org's web app host for its API domain: www.zohoapis.eu → crm.zoho.eu (Canada: crm.zohocloud.ca). */
export function appHostFor(apiBase: string): string | undefined {
  let host: string;
  try {
    host = new URL(apiBase).hostname;
  } catch {
    return undefined;
  }
  const m = /^www\.zohoapis\.(.+)$/.exec(host);
  if (!m) return undefined;
  return m[1] === 'ca' ? 'crm.zohocloud.ca' : `crm.zoho.${m[1]}`;
}
