import { describe, expect, it } from 'vitest';
import { oauthProvider } from '../../main/oauth/providers';
import { HUBSPOT_TOKEN_HINT, ZAPIER_HOOK_HINT } from '../../renderer/features/integrations/credentials-fields';

describe('what the Add integration dialog tells a customer', () => {
  it('the HubSpot token hint names service keys and every scope Ferry needs, schema scopes included', () => {
    expect(HUBSPOT_TOKEN_HINT).toMatch(/Service keys/);
    for (const scope of oauthProvider('hubspot').defaultScopes.filter((s) => s !== 'oauth')) expect(HUBSPOT_TOKEN_HINT).toContain(scope);
  });

  it('the Zapier hint says what a 200 from Zapier does not prove, the paid plan, and that a moved Zap changes its URL', () => {
    expect(ZAPIER_HOOK_HINT).toMatch(/paid Zapier plan/);
    expect(ZAPIER_HOOK_HINT).toMatch(/off or deleted/);
    expect(ZAPIER_HOOK_HINT).toMatch(/URL changes/);
  });
});
