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
