import { defineDestination } from './descriptor';

/**
 * Pipedrive persons (API v2). Sign-in: a personal API token, sent in the
 * `x-api-token` header (pipedrive.readme.io/docs/core-api-concepts-authentication).
 * Limits: the company's daily token budget and a per-token burst limit over a
 * rolling 2 seconds (pipedrive.readme.io/docs/core-api-concepts-rate-limiting).
 */
export const pipedrive = defineDestination({
  id: 'pipedrive',
  name: 'Pipedrive',
  sentenceName: 'Pipedrive',
  deliversOnly: false,
  reads: true,
  matchesOnEmail: false,
  deletes: { removed: 'deleted in Pipedrive (it erases them for good after 30 days)', listed: true, erased: 'Pipedrive erases it for good after 30 days; its API cannot do it sooner' },
  blurb: 'People, found again by a Ferry ID field Ferry adds to persons, never created twice.',
  sandboxBlurb: 'A local Pipedrive: persons, custom fields, the token budget and burst limits.',
  docsAnchor: '#pipedrive',
  credentials: [{
    key: 'token',
    label: 'Personal API token',
    vaultEntry: 'private_app_token',
    input: 'secret',
    check: { rule: 'minLength', min: 8, message: 'Paste your Pipedrive API token (Settings → Personal preferences → API).' },
    env: 'FERRY_PIPEDRIVE_TOKEN',
    hint: 'In Pipedrive: your profile → Personal preferences → API → copy "Your personal API token". Ferry adds two person fields (Ferry ID, Ferry details), so the user needs permission to add custom fields.',
  }],
  typedAuth: 'private-app',
  oauth: {
    // developers.pipedrive.com/docs/api/v1/Oauth and pipedrive.readme.io/docs/marketplace-oauth-authorization:
    // GET /oauth/authorize (client_id, redirect_uri, state; the scopes are chosen on the app in
    // Developer Hub, not in the request), POST /oauth/token with `Authorization: Basic
    // base64(client_id:client_secret)`, whose answer names the company's `api_domain`
    bases: { auth: 'https://oauth.pipedrive.com', api: 'https://oauth.pipedrive.com' },
    authorizePath: '/oauth/authorize',
    tokenPath: '/oauth/token',
    // POST /oauth/revoke, `token` (a refresh token revokes the whole grant), same Basic auth
    revoke: { style: 'form-post', path: '/oauth/revoke' },
    defaultScopes: [],
    requiresClientSecret: true,
    clientAuth: 'basic',
    extraAuthorizeParams: {},
    // the refresh answer carries a refresh_token; Ferry keeps whichever comes back
    mayRotateRefreshToken: true,
    apiBaseIsCrmBase: false,
    redirectHost: 'localhost',
  },
  hosts: {
    // API-token calls go to api.pipedrive.com; OAuth apps to the company's own
    // domain from the token answer's api_domain (https://<company>.pipedrive.com).
    api: ['^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)?pipedrive\\.com$'],
    web: ['^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)?pipedrive\\.com$'],
  },
  defaultApiBase: 'https://api.pipedrive.com',
  // the smallest plan's (Lite) burst limit for an API token: 20 requests per 2 seconds
  rateLimit: { requests: 20, perMs: 2_000 },
  recordUrl: 'https://{host}/person/{id}',
  recordHostDefault: 'app.pipedrive.com',
  sandbox: true,
});
