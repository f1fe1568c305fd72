import { defineDestination } from './descriptor';

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';

export const salesforce = defineDestination({
  id: 'salesforce',
  name: 'Salesforce',
  sentenceName: 'Salesforce',
  deliversOnly: false,
  reads: true,
  matchesOnEmail: true,
  deletes: { removed: 'deleted in Salesforce (they wait in its Recycle Bin for 15 days)', marked: 'marked "Deleted in Ferry" (the day, in its Ferry_Deleted__c field)', listed: true, erased: 'it waits 15 days in Salesforce\'s Recycle Bin: empty it to finish' },
  blurb: 'Contacts or Leads, matched by your org\'s Ferry ID field or e-mail, with duplicate rules respected.',
  sandboxBlurb: 'A local Salesforce org: Contacts or Leads, duplicate rules, limits.',
  docsAnchor: '#salesforce',
  credentials: [
    {
      key: 'instanceUrl', label: 'Instance address', configField: 'baseUrl', input: 'url', placeholder: 'https://yourcompany.my.salesforce.com', cliOption: '--instance-url',
      check: { rule: 'url', loopbackHttp: true, message: 'Enter your instance address, e.g. https://yourcompany.my.salesforce.com.' },
    },
    {
      key: 'token', label: 'Access token', vaultEntry: 'access_token', input: 'secret', env: 'FERRY_SALESFORCE_TOKEN', hint: 'A session or connected-app access token with the api scope.',
      check: { rule: 'present', message: 'Paste an access token.' },
    },
    {
      key: 'object', label: 'Create records as', configField: 'object', input: 'choice', cliOption: '--object',
      choices: [{ value: 'Contact', label: 'Contacts' }, { value: 'Lead', label: 'Leads' }],
    },
  ],
  oauth: {
    bases: { auth: 'https://login.salesforce.com', api: 'https://login.salesforce.com' },
    authorizePath: '/services/oauth2/authorize',
    tokenPath: '/services/oauth2/token',
    revoke: { style: 'form-post', path: '/services/oauth2/revoke' },
    defaultScopes: ['api', 'refresh_token', 'offline_access'],
    requiresClientSecret: false,
    extraAuthorizeParams: { prompt: 'login consent' },
    mayRotateRefreshToken: true,
    // the sign-in answers with the org's own instance_url
    apiBaseIsCrmBase: false,
    redirectHost: '127.0.0.1',
    // External Client Apps tick "Require secret for Refresh Token Flow" by default
    // (help.salesforce.com, External Client App security settings); Ferry sends no
    // secret, so every refresh fails at the first session timeout until it is unticked.
    refreshClientRejectedHint: 'Salesforce refused to renew Ferry\'s sign-in because the External Client App requires a secret for the refresh token flow. In Salesforce Setup → External Client App Manager → your Ferry app → Policies/OAuth settings, untick "Require secret for Refresh Token Flow", then reconnect Salesforce.',
  },
  hosts: {
    // login/test.salesforce.com, My Domain logins and instances (<name>.my.salesforce.com, sandboxes
    // and scratch orgs at <name>--<sandbox>.sandbox.my.salesforce.com, ….scratch.my.salesforce.com,
    // ….develop.my.salesforce.com; Salesforce Help "My Domain URL Formats"), classic instances
    // (na1.salesforce.com) and the force.com domains: all under salesforce.com or force.com.
    api: [`^(?:${LABEL}\\.)+(?:salesforce|force)\\.com$`],
    web: [
      '^(?:login|test)\\.salesforce\\.com$',
      '^[a-z0-9](?:[a-z0-9-]{0,62})\\.(?:(?:sandbox|scratch|develop)\\.)?my\\.salesforce\\.com$',
      '^[a-z0-9](?:[a-z0-9-]{0,62})\\.lightning\\.force\\.com$',
    ],
  },
  rateLimit: { requests: 25, perMs: 1_000 },
  recordUrl: '{origin}/lightning/r/{object}/{id}/view',
  sandbox: true,
  setupActions: [{
    id: 'add-ferry-id',
    label: 'Add Ferry ID field',
    summary: 'create the Ferry ID field (Ferry_Id__c, an External ID) on Contact and Lead, so contacts without an e-mail can be sent and never duplicated; needs the Customize Application permission',
  }],
});
