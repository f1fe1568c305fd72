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
