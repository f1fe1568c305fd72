import { defineDestination } from './descriptor';

/**
 * Zoho's data centres: an account lives in one, and its sign-in (accounts
 * server), API and web app are on that centre's domains. Zoho CRM "Multi DC
 * Support" (zoho.com/crm/developer/docs/api/v8/multi-dc.html) and the official
 * SDKs' DataCenter classes list them; Canada's accounts server is
 * accounts.zohocloud.ca. The token response names the account's API domain
 * (`api_domain`), which wins over this table after a browser sign-in.
 */
export const ZOHO_REGIONS = [
  { value: 'com', label: 'United States (zoho.com)', accounts: 'https://accounts.zoho.com', api: 'https://www.zohoapis.com', web: 'crm.zoho.com' },
  { value: 'eu', label: 'Europe (zoho.eu)', accounts: 'https://accounts.zoho.eu', api: 'https://www.zohoapis.eu', web: 'crm.zoho.eu' },
  { value: 'in', label: 'India (zoho.in)', accounts: 'https://accounts.zoho.in', api: 'https://www.zohoapis.in', web: 'crm.zoho.in' },
  { value: 'com.au', label: 'Australia (zoho.com.au)', accounts: 'https://accounts.zoho.com.au', api: 'https://www.zohoapis.com.au', web: 'crm.zoho.com.au' },
  { value: 'jp', label: 'Japan (zoho.jp)', accounts: 'https://accounts.zoho.jp', api: 'https://www.zohoapis.jp', web: 'crm.zoho.jp' },
  { value: 'ca', label: 'Canada (zohocloud.ca)', accounts: 'https://accounts.zohocloud.ca', api: 'https://www.zohoapis.ca', web: 'crm.zohocloud.ca' },
  { value: 'sa', label: 'Saudi Arabia (zoho.sa)', accounts: 'https://accounts.zoho.sa', api: 'https://www.zohoapis.sa', web: 'crm.zoho.sa' },
  { value: 'uk', label: 'United Kingdom (zoho.uk)', accounts: 'https://accounts.zoho.uk', api: 'https://www.zohoapis.uk', web: 'crm.zoho.uk' },
  { value: 'com.cn', label: 'China (zoho.com.cn)', accounts: 'https://accounts.zoho.com.cn', api: 'https://www.zohoapis.com.cn', web: 'crm.zoho.com.cn' },
] as const;

export type ZohoRegion = (typeof ZOHO_REGIONS)[number];

/** The data centre of a connection's `region` setting (the United States when unset or unknown). */
export function zohoRegion(value: string | undefined): ZohoRegion {
  return ZOHO_REGIONS.find((r) => r.value === value) ?? ZOHO_REGIONS[0];
}

/**
 * Zoho CRM's API limits by edition ("API Limits", zoho.com/crm/developer/docs/api/v8/api-limits.html):
 * credits per rolling 24 hours (a base, plus so many per user licence, up to a
 * maximum; add-on credits come on top) and concurrent calls per org and app.
 * An upsert of up to 100 records costs 1 credit per 10 records.
 */
export const ZOHO_EDITIONS = {
  free: { label: 'Free', base: 5_000, perLicence: 0, max: 5_000, concurrency: 5 },
  standard: { label: 'Standard', base: 50_000, perLicence: 250, max: 100_000, concurrency: 10 },
  professional: { label: 'Professional', base: 50_000, perLicence: 500, max: 3_000_000, concurrency: 15 },
  enterprise: { label: 'Enterprise', base: 50_000, perLicence: 1_000, max: 5_000_000, concurrency: 20 },
  ultimate: { label: 'Ultimate', base: 50_000, perLicence: 2_000, max: Number.POSITIVE_INFINITY, concurrency: 25 },
} as const;

export type ZohoEdition = keyof typeof ZOHO_EDITIONS;

/** The credits an org of this edition and licence count gets per 24 hours (add-ons aside). */
export function zohoDailyCredits(edition: ZohoEdition, licences: number): number {
  const e = ZOHO_EDITIONS[edition];
  return Math.min(e.max, e.base + e.perLicence * Math.max(0, licences));
}

/** Credits one insert, update or upsert of `records` records costs: 1 per 10 (api-limits.html). */
export function zohoWriteCredits(records: number): number {
  return Math.max(1, Math.ceil(records / 10));
}

/** What Ferry needs: the Contacts module, the field list (to create its Ferry Id field) and the org's edition. */
/** ZohoCRM.coql.READ: "fill only if empty" reads a team's existing contacts by e-mail with one COQL query per 50 (query-api.html) */
export const ZOHO_SCOPES = ['ZohoCRM.modules.contacts.ALL', 'ZohoCRM.settings.fields.ALL', 'ZohoCRM.org.READ', 'ZohoCRM.coql.READ'] as const;

/** the domain suffixes of ZOHO_REGIONS under zoho.* (Canada is under zohocloud.ca, its API under zohoapis.ca) */
const SUFFIX = '(?:com|eu|in|com\\.au|jp|sa|uk|com\\.cn)';
const API_SUFFIX = '(?:com|eu|in|com\\.au|jp|ca|sa|uk|com\\.cn)';

export const zoho = defineDestination({
  id: 'zoho',
  name: 'Zoho CRM',
  sentenceName: 'Zoho CRM',
  deliversOnly: false,
  // pull and two-way: COQL keyset pages on (Modified_Time, id), main/crm/zoho/pull.ts
  reads: true,
  matchesOnEmail: true,
  deletes: { removed: 'deleted in Zoho CRM (they wait in its Recycle Bin for 60 days)', listed: true, erased: 'then deletes it for good from Zoho CRM\'s Recycle Bin (a sign-in without the Recycle Bin scope leaves it there 60 days)' },
  blurb: 'Contacts, upserted by Ferry ID or e-mail, 100 per call, within your edition\'s API credits.',
  sandboxBlurb: 'A local Zoho CRM: Contacts upsert, API credits, concurrency limits and errors like the real one.',
  docsAnchor: '#zoho-crm',
  credentials: [
    {
      key: 'region', label: 'Data centre', configField: 'region', input: 'choice', cliOption: '--region',
      choices: ZOHO_REGIONS.map((r) => ({ value: r.value, label: r.label })),
      hint: 'Where your Zoho account lives: the domain you sign in at (accounts.zoho.eu → Europe).',
    },
    {
      key: 'token', label: 'Access token', vaultEntry: 'access_token', input: 'secret', env: 'FERRY_ZOHO_TOKEN',
      hint: `A Zoho OAuth access token with the scopes ${ZOHO_SCOPES.join(', ')} (API Console → Self Client). It lasts one hour; sign in with Zoho for a connection that renews itself.`,
      check: { rule: 'present', message: 'Paste a Zoho access token.' },
    },
  ],
  oauth: {
    // accounts.zoho.com: with Multi DC enabled on the app, users of every data centre sign in
    // here (callbackTokenServerParam below); without it, --auth-base-url https://accounts.zoho.eu …
    bases: { auth: 'https://accounts.zoho.com', api: 'https://accounts.zoho.com' },
    authorizePath: '/oauth/v2/auth',
    tokenPath: '/oauth/v2/token',
    revoke: { style: 'form-post', path: '/oauth/v2/token/revoke' },
    defaultScopes: [...ZOHO_SCOPES],
    // Zoho's server-based clients send their client secret to the token endpoint
    requiresClientSecret: true,
    // without access_type=offline Zoho issues no refresh token; prompt=consent asks again on reconnect
    extraAuthorizeParams: { access_type: 'offline', prompt: 'consent' },
    mayRotateRefreshToken: false,
    // the token response's api_domain is the account's API base
    apiBaseIsCrmBase: false,
    redirectHost: 'localhost',
    // Multi DC (zoho.com/accounts/protocol/oauth/multi-dc/client-authorization.html): the sign-in starts
    // at accounts.zoho.com; the callback names the user's own accounts server, where the code is redeemed
    callbackTokenServerParam: 'accounts-server',
  },
  hosts: {
    // the API and accounts servers of every data centre (ZOHO_REGIONS)
    api: [`^www\\.zohoapis\\.${API_SUFFIX}$`, `^accounts\\.zoho\\.${SUFFIX}$`, '^accounts\\.zohocloud\\.ca$'],
    web: [`^accounts\\.zoho\\.${SUFFIX}$`, '^accounts\\.zohocloud\\.ca$', `^crm\\.zoho\\.${SUFFIX}$`, '^crm\\.zohocloud\\.ca$'],
  },
  defaultApiBase: 'https://www.zohoapis.com',
  // Zoho counts no requests per time window: it caps simultaneous calls (concurrency)
  // and API credits per rolling 24 h (docs/vendor-facts.md, "Zoho CRM"). This pace
  // only keeps a runaway loop polite; the connector's concurrency is the real bound.
  rateLimit: { requests: 100, perMs: 10_000 },
  recordUrl: 'https://{host}/crm/org{account}/tab/Contacts/{id}',
  recordHostDefault: 'crm.zoho.com',
  sandbox: true,
});
