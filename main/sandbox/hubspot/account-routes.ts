import type { Router } from '../shared/router';
import type { HubSpotContext, HubSpotRoute } from './context';
import { PORTAL_TIME_ZONE } from './limits';

/**
 * GET /account-info/v3/details: who the token belongs to. `uiDomain` is the host of
 * the portal's web app (app.hubspot.com, app-eu1.hubspot.com for EU-hosted portals;
 * Retrieve account details, developers.hubspot.com/docs/api-reference/latest/account/account-information).
 */
export function addAccountRoutes(router: Router<HubSpotRoute>): void {
  router.add('GET', '/account-info/v3/details', {
    // any valid token may ask; no scope beyond being authenticated
    scopes: [],
    budget: 'standard',
    handler: (_req, ctx: HubSpotContext) => ({
      status: 200,
      body: { portalId: ctx.store.portalId, accountType: 'SANDBOX', timeZone: PORTAL_TIME_ZONE, companyCurrency: 'USD', additionalCurrencies: [], utcOffset: '-05:00', utcOffsetMilliseconds: -18_000_000, uiDomain: ctx.settings.uiDomain, dataHostingLocation: ctx.settings.uiDomain === 'app-eu1.hubspot.com' ? 'eu1' : 'na1' },
    }),
  });
}
