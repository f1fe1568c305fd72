import { defineDestination } from './descriptor';

/** The scopes Ferry needs: contacts read/write, and the schema scopes to create its own properties (ferry_id and friends). */
export const HUBSPOT_TOKEN_SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.read', 'crm.schemas.contacts.write'] as const;

export const hubspot = defineDestination({
  id: 'hubspot',
  name: 'HubSpot',
  sentenceName: 'HubSpot',
  deliversOnly: false,
  blurb: 'Contacts, with notes on their timeline, upserted by e-mail or Ferry ID.',
  docsAnchor: '#hubspot',
  credentials: [{
    key: 'token',
    label: 'Service key or private app token',
    vaultEntry: 'private_app_token',
    input: 'secret',
    env: 'FERRY_HUBSPOT_TOKEN',
    hint: `In HubSpot: Development → Keys → Service keys → Create service key (existing private apps: Development → Legacy apps → your app → Access token). It needs the scopes ${HUBSPOT_TOKEN_SCOPES.join(', ')}.`,
  }],
  oauth: {
    bases: { auth: 'https://app.hubspot.com', api: 'https://api.hubapi.com' },
    authorizePath: '/oauth/authorize',
    tokenPath: '/oauth/v1/token',
    revoke: { style: 'delete-path', path: '/oauth/v1/refresh-tokens/{token}' },
    // schemas: Ferry creates its own contact properties (ferry_id and friends) on connect
    defaultScopes: ['oauth', ...HUBSPOT_TOKEN_SCOPES],
    requiresClientSecret: true,
    extraAuthorizeParams: {},
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
