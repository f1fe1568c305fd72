import { defineDestination } from './descriptor';

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';

/**
 * Microsoft Dynamics 365 through the Dataverse Web API (v9.2), `contacts`.
 * The organisation URL is where the Web API lives (and the token's resource).
 */
export const dynamics = defineDestination({
  id: 'dynamics',
  name: 'Dynamics 365',
  sentenceName: 'Dynamics 365',
  deliversOnly: false,
  reads: true,
  matchesOnEmail: false,
  // CRM→Ferry deletes come from Dataverse change tracking (main/crm/dynamics/deleted-records.ts),
  // which needs "Track changes" on the contact table: a pull says where to turn it on when it is off
  deletes: {
    removed: 'deleted in Dynamics 365',
    listed: true,
    listedNeeds: 'Dynamics 365 lists them only while an admin has change tracking on for contacts (a pull says where if it is off).',
    erased: 'then deletes its audit history (if Ferry\'s user may not, the outcome says what an admin does)',
  },
  blurb: 'Dataverse contacts, upserted in $batch requests by a Ferry ID alternate key.',
  sandboxBlurb: 'A local Dataverse: contacts, $batch, alternate keys and service protection limits.',
  docsAnchor: '#microsoft-dynamics-365-dataverse',
  credentials: [
    {
      key: 'orgUrl', label: 'Organisation address', configField: 'baseUrl', input: 'url', placeholder: 'https://yourorg.crm.dynamics.com', cliOption: '--org-url',
      hint: 'Your environment\'s URL, as Power Platform admin center → Environments → your environment shows it.',
      check: { rule: 'url', loopbackHttp: true, message: 'Enter your organisation address, e.g. https://yourorg.crm.dynamics.com.' },
    },
    {
      key: 'token', label: 'Access token', vaultEntry: 'access_token', input: 'secret', env: 'FERRY_DYNAMICS_TOKEN',
      hint: 'A Microsoft Entra access token for your organisation address (user_impersonation), e.g. from az account get-access-token --resource https://yourorg.crm.dynamics.com.',
      check: { rule: 'present', message: 'Paste an access token.' },
    },
  ],
  oauth: {
    // The Microsoft identity platform, authorization code + PKCE for a public client (no secret):
    // learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow; the tenant is the app's
    // directory (a GUID or domain), or `organizations` for any work or school account
    // (…/identity-platform/v2-protocols, "Endpoints").
    bases: { auth: 'https://login.microsoftonline.com', api: 'https://login.microsoftonline.com' },
    authorizePath: '/{tenant}/oauth2/v2.0/authorize',
    tokenPath: '/{tenant}/oauth2/v2.0/token',
    tenant: { default: 'organizations' },
    // the identity platform has no endpoint that revokes one refresh token (an admin revokes
    // a user's sessions in Entra); Ferry deletes its tokens on disconnect
    revoke: { style: 'none' },
    // "Use OAuth authentication with Microsoft Dataverse" (learn.microsoft.com/power-apps/developer/
    // data-platform/authenticate-oauth): the scope is the environment URL + /user_impersonation
    // (`/.default` works too); offline_access brings the refresh token
    scopesFromApiBase: ['{origin}/user_impersonation'],
    defaultScopes: ['offline_access'],
    // v2-oauth2-auth-code-flow, "Refresh the access token": the refresh request carries `scope`
    refreshSendsScope: true,
    requiresClientSecret: false,
    extraAuthorizeParams: { prompt: 'select_account' },
    // "Refresh tokens in the Microsoft identity platform": each refresh returns a new refresh
    // token, to be used from then on
    mayRotateRefreshToken: true,
    apiBaseIsCrmBase: false,
    // Mobile and desktop applications register http://localhost; "the port component is ignored
    // for the purposes of matching a redirect URI" (…/identity-platform/reply-url, "Localhost exceptions")
    redirectHost: 'localhost',
    redirectAnyPort: true,
    askWithSignIn: ['orgUrl'],
    // a redirect URI registered under the Web platform makes the token request demand a secret
    // (AADSTS7000218); a public client's belongs under "Mobile and desktop applications"
    // (…/identity-platform/reply-url, "Mobile and desktop application redirect URI configuration")
    signInClientRejectedHint: 'Microsoft refused to finish the sign-in for Ferry\'s app (invalid_client). Ferry signs in without a client secret, so in Microsoft Entra → App registrations → your Ferry app → Authentication, http://localhost/oauth/callback must be a redirect URI of the "Mobile and desktop applications" platform, not "Web". Fix it and connect again.',
  },
  hosts: {
    // Dataverse environment URLs: <org>.crm.dynamics.com (North America) and the regional
    // <org>.crmN.dynamics.com (crm2 South America, crm3 Canada, crm4 EMEA, crm5 APAC, crm6
    // Oceania, crm7 Japan, crm8 India, crm9 North America 2, crm11 UK, crm12 France, and the
    // newer regions numbered after them); Microsoft Learn, "Datacenter regions" and the
    // Online Management API's service URLs. Sign-in and tokens: login.microsoftonline.com.
    api: [`^${LABEL}\\.crm(?:\\d{1,2})?\\.dynamics\\.com$`, '^login\\.microsoftonline\\.com$'],
    web: [`^${LABEL}\\.crm(?:\\d{1,2})?\\.dynamics\\.com$`, '^login\\.microsoftonline\\.com$'],
  },
  // Service protection limits, per user per web server: 6,000 requests in a sliding
  // 5-minute window (learn.microsoft.com/power-apps/developer/data-platform/api-limits).
  rateLimit: { requests: 6_000, perMs: 300_000 },
  recordUrl: '{origin}/main.aspx?pagetype=entityrecord&etn=contact&id={id}',
  sandbox: true,
});
