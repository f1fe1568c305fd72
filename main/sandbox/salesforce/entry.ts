import { randomToken } from '../shared/ids';
import type { SandboxEntry } from '../shared/entry';
import type { SalesforceSandboxOptions } from './index';

interface SalesforceState {
  counts?: { Contact?: number };
}

/**
 * The Salesforce sandbox: an org on loopback (OAuth, SOQL, sObject Collections,
 * describe, duplicate and validation rules, daily allocation).
 */
export const salesforceSandbox: SandboxEntry = {
  description: 'a Salesforce-compatible org on loopback (OAuth, SOQL, sObject Collections, duplicate rules, daily API limit)',
  options: [
    { flag: '--token', value: 'text', description: 'the access token to accept (default: a random one, printed)' },
    { flag: '--daily-limit', value: 'whole', min: 0, max: 100_000_000, description: 'API requests per rolling 24 hours (default 100000)' },
    { flag: '--no-ferry-id', value: 'on-unless-negated', description: 'leave Ferry_Id__c out of Contact and Lead (Ferry then matches by e-mail)' },
    { flag: '--rotate-refresh-tokens', value: 'switch', description: 'each OAuth refresh returns a new refresh token and retires the old one' },
  ],
  async startHosted(o) {
    const { startSalesforceSandbox } = await import('./index');
    const s = await startSalesforceSandbox({ port: o.port, token: o.token, onChange: o.onChange, ...(o.state ? { state: o.state as NonNullable<SalesforceSandboxOptions['state']> } : {}) });
    return { port: s.port, baseUrl: s.url, exportState: () => s.admin.exportState(), close: () => s.close() };
  },
  async startStandalone(port, options) {
    const token = typeof options.token === 'string' ? options.token : `00DFe0000000001!${randomToken('sandbox')}`;
    const { startSalesforceSandbox } = await import('./index');
    const s = await startSalesforceSandbox({
      port,
      token,
      ...(typeof options.dailyLimit === 'number' ? { dailyLimit: options.dailyLimit } : {}),
      schema: { ferryIdField: options.ferryId !== false },
      rotateRefreshTokens: options.rotateRefreshTokens === true,
    });
    return {
      url: s.url,
      details: [
        { label: 'instance URL', value: s.url, key: 'instanceUrl' },
        { label: 'access token', value: token, key: 'token' },
        { label: 'admin', value: `${s.url}/__sandbox/state`, key: 'admin' },
      ],
      connectWith: `export FERRY_SF_TOKEN='${token}' && ferry connect salesforce --instance-url ${s.url} --token-env FERRY_SF_TOKEN`,
      close: () => s.close(),
    };
  },
  demo: { holds: (state) => `${(state as SalesforceState).counts?.Contact ?? 0} Contacts` },
};
