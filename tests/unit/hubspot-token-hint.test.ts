import { describe, expect, it } from 'vitest';
import { destination } from '../../destinations/index';
import { oauthProvider } from '../../main/oauth/providers';

const hint = (kind: 'hubspot' | 'zapier'): string => destination(kind).credentials.find((f) => f.vaultEntry)?.hint ?? '';

describe('what the Add integration dialog tells a customer', () => {
  it('the HubSpot token hint names service keys and every scope Ferry needs, schema scopes included', () => {
    expect(hint('hubspot')).toMatch(/Service keys/);
    for (const scope of oauthProvider('hubspot').defaultScopes.filter((s) => s !== 'oauth')) expect(hint('hubspot')).toContain(scope);
  });

  it('the Zapier hint says what a 200 from Zapier does not prove, the paid plan, and that a moved Zap changes its URL', () => {
    expect(hint('zapier')).toMatch(/paid Zapier plan/);
    expect(hint('zapier')).toMatch(/off or deleted/);
    expect(hint('zapier')).toMatch(/URL changes/);
  });
});
