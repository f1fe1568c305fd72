import { defineDestination } from './descriptor';

/** The scopes Ferry needs: contacts read/write, and the schema scopes to create its own properties (ferry_id and friends). */
export const HUBSPOT_TOKEN_SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.read', 'crm.schemas.contacts.write'] as const;

/**
 * The scopes that link contacts to companies: read and write companies, read the
 * company properties and create Ferry's unique `ferry_company_key` (getting company
 * properties needs crm.schemas.companies.read, developers.hubspot.com/docs/methods/companies/get_company_properties).
 * Without them contacts still sync, with the company name as text.
 */
export const HUBSPOT_COMPANY_SCOPES = ['crm.objects.companies.read', 'crm.objects.companies.write', 'crm.schemas.companies.read', 'crm.schemas.companies.write'] as const;

export const hubspot = defineDestination({
  id: 'hubspot',
  name: 'HubSpot',
  sentenceName: 'HubSpot',
  deliversOnly: false,
  reads: true,
  matchesOnEmail: true,
  deletes: { removed: 'archived in HubSpot (HubSpot can restore them for 90 days)', marked: 'marked "Deleted in Ferry" in its ferry_deleted property', listed: true, erased: 'HubSpot\'s GDPR delete, permanent' },
  blurb: 'Contacts, with notes on their timeline, upserted by e-mail or Ferry ID.',
  sandboxBlurb: 'A local HubSpot: contacts, notes, limits and errors like the real one.',
  docsAnchor: '#hubspot',
  credentials: [{
    key: 'token',
    label: 'Service key or private app token',
    vaultEntry: 'private_app_token',
    input: 'secret',
    check: { rule: 'present', message: 'Paste the service key or private app token.' },
    env: 'FERRY_HUBSPOT_TOKEN',
    hint: `In HubSpot: Development → Keys → Service keys → Create service key (existing private apps: Development → Legacy apps → your app → Access token). It needs the scopes ${HUBSPOT_TOKEN_SCOPES.join(', ')}; add ${HUBSPOT_COMPANY_SCOPES.join(', ')} to link contacts to their companies.`,
  }],
  typedAuth: 'private-app',
  oauth: {
    bases: { auth: 'https://app.hubspot.com', api: 'https://api.hubapi.com' },
    authorizePath: '/oauth/authorize',
    tokenPath: '/oauth/v1/token',
    revoke: { style: 'delete-path', path: '/oauth/v1/refresh-tokens/{token}' },
    // schemas: Ferry creates its own contact properties (ferry_id and friends) on connect
    defaultScopes: ['oauth', ...HUBSPOT_TOKEN_SCOPES],
    requiresClientSecret: true,
    // Companies are asked for as optional scopes: a portal or user that cannot grant them still
    // connects, contacts-only, and the card says why companies are off. HubSpot takes optional
    // scopes only in `optional_scope`, and the app's settings must list them as optional
    // (community.hubspot.com/t5/Developer-Announcements/Advanced-auth-and-scope-settings-for-public-apps/m-p/961930).
    extraAuthorizeParams: { optional_scope: HUBSPOT_COMPANY_SCOPES.join(' ') },
    mayRotateRefreshToken: false,
    apiBaseIsCrmBase: true,
    // HubSpot accepts a plain-http redirect URI only when the host is `localhost`
    // (developers.hubspot.com/changelog/2018-03-05-oauth2-redirect-uri-served-over-http-localhost);
    // http://127.0.0.1:… is refused in the app settings and at /oauth/authorize.
    redirectHost: 'localhost',
  },
  hosts: {
    // API calls go to api.hubapi.com (the SDK's default basePath), the authorize page to
    // app.hubspot.com; portals in other data centres use the regional twins
    // (app-eu1.hubspot.com, api-eu1.hubapi.com; account-info's uiDomain, docs/vendor-facts.md).
    api: ['^(?:api|app)(?:-[a-z]{2,4}\\d{1,2})?\\.(?:hubapi|hubspot)\\.com$'],
    web: ['^app(?:-[a-z]{2,4}\\d{1,2})?\\.hubspot\\.com$'],
  },
  defaultApiBase: 'https://api.hubapi.com',
  rateLimit: { requests: 100, perMs: 10_000 },
  recordUrl: 'https://{host}/contacts/{account}/record/0-1/{id}',
  recordHostDefault: 'app.hubspot.com',
  sandbox: true,
});
