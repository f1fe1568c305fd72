import { defineDestination } from './descriptor';

/**
 * The tag that says a contact agreed to marketing e-mail. Ferry's contacts have
 * no consent field (and no migration adds one): a rep records consent by giving
 * the contact this tag. With it the contact is subscribed; without it the contact
 * joins the audience as a non-subscribed (transactional) contact, whom Mailchimp
 * never sends a campaign to.
 */
export const MARKETING_CONSENT_TAG = 'marketing-consent';

export const mailchimp = defineDestination({
  id: 'mailchimp',
  name: 'Mailchimp',
  sentenceName: 'Mailchimp',
  // reads: pull and two-way read the audience's members (main/crm/mailchimp/pull.ts).
  // Each member Ferry writes is confirmed by Mailchimp's answer: "synced" is true of the
  // record; who is *subscribed* is said by cardNote, never implied by "synced".
  deliversOnly: false,
  reads: true,
  matchesOnEmail: true,
  deletes: { removed: 'archived in Mailchimp (out of the audience; restoring the contact adds it back)', listed: true, listedVerb: 'archived', erased: 'permanent: the address cannot be added to this audience again through the API' },
  blurb: `Contacts with an e-mail address as members of one audience; only those tagged "${MARKETING_CONSENT_TAG}" are subscribed.`,
  cardNote: `Only contacts tagged "${MARKETING_CONSENT_TAG}" are subscribed to marketing e-mail; the others are added as non-subscribed contacts, and contacts without an e-mail address are not sent (the sync log says so for each).`,
  sandboxBlurb: 'A local Mailchimp audience: members, merge fields, tags, its connection limit and errors.',
  docsAnchor: '#mailchimp',
  credentials: [
    {
      key: 'token',
      label: 'API key',
      vaultEntry: 'access_token',
      input: 'secret',
      check: { rule: 'present', message: 'Paste the Mailchimp API key (it ends in a data-centre suffix such as -us21).' },
      env: 'FERRY_MAILCHIMP_KEY',
      hint: 'In Mailchimp: your profile icon → Profile → Extras → API keys → Create A Key. Copy it when it is shown (Mailchimp shows it once). Its ending (-us21) tells Ferry which Mailchimp data centre holds your account.',
    },
    {
      key: 'audience',
      label: 'Audience ID',
      configField: 'audience',
      input: 'text',
      cliOption: '--audience',
      placeholder: 'a1b2c3d4e5',
      check: { rule: 'present', message: 'Enter the ID of the audience Ferry should add contacts to.' },
      hint: 'In Mailchimp: Audience → All contacts → Settings → Audience name and defaults → Audience ID. Ferry checks that it exists when you connect.',
    },
  ],
  typedAuth: 'api-key',
  oauth: {
    // mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/: authorize and token at
    // login.mailchimp.com (a confidential client: the secret goes to the token endpoint), no
    // scopes, tokens that never expire (expires_in 0, no refresh token) and no revocation endpoint
    bases: { auth: 'https://login.mailchimp.com', api: 'https://login.mailchimp.com' },
    authorizePath: '/oauth2/authorize',
    tokenPath: '/oauth2/token',
    revoke: { style: 'none' },
    defaultScopes: [],
    requiresClientSecret: true,
    extraAuthorizeParams: {},
    mayRotateRefreshToken: false,
    apiBaseIsCrmBase: false,
    // the guide's local example redirects to 127.0.0.1, not localhost
    redirectHost: '127.0.0.1',
    // then GET /oauth2/metadata with `Authorization: OAuth <token>` names the account's data
    // centre: api_endpoint (https://us21.api.mailchimp.com), whose API root is /3.0
    accountLookup: { path: '/oauth2/metadata', authScheme: 'OAuth', field: 'api_endpoint', apiPath: '/3.0' },
    askWithSignIn: ['audience'],
  },
  hosts: {
    // API calls go to the account's data centre, <dc>.api.mailchimp.com (the key's suffix, or
    // the OAuth metadata's api_endpoint); sign-in to login.mailchimp.com
    // (mailchimp.com/developer/marketing/docs/fundamentals/, .../guides/access-user-data-oauth-2/).
    api: ['^[a-z]{2,4}\\d{1,3}\\.api\\.mailchimp\\.com$', '^login\\.mailchimp\\.com$'],
    web: ['^login\\.mailchimp\\.com$', '^(?:[a-z]{2,4}\\d{1,3}\\.)?admin\\.mailchimp\\.com$', '^mailchimp\\.com$'],
  },
  // Mailchimp limits concurrency, not a rate: 10 simultaneous connections per user
  // (Fundamentals → API limits; 429 "You have exceeded the limit of 10 simultaneous
  // connections", error glossary). The limiter holds a slot from sending until perMs
  // after the answer, so 8 per 1 ms means at most 8 of Ferry's requests are ever open at
  // once, leaving two for the account's other apps, with no idle tail (a longer one
  // only halves throughput against a limit that counts open requests, not a window).
  rateLimit: { requests: 8, perMs: 1 },
  sandbox: true,
});
