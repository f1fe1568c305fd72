import { z } from 'zod';
import { HubSpotHttpError, send, type TransportOptions } from './transport';

const detailsSchema = z.object({
  portalId: z.union([z.number(), z.string()]).optional(),
  uiDomain: z.string().optional().catch(undefined),
  timeZone: z.string().optional().catch(undefined),
}).passthrough();

/**
 * HubSpot's web app hosts: app.hubspot.com, and app-<region>.hubspot.com for
 * portals hosted elsewhere (EU: app-eu1.hubspot.com). Anything else in `uiDomain`
 * is ignored rather than turned into a link.
 */
const HUBSPOT_APP_HOST = /^app(-[a-z0-9]+)?\.hubspot\.com$/;

interface AccountDetails {
  portalId?: string;
  /** GET /account-info/v3/details `uiDomain`, when it is a HubSpot app host */
  uiDomain?: string;
  /** the portal's time zone (its daily limit resets at midnight there) */
  timeZone?: string;
}

/**
 * Who the token belongs to (GET /account-info/v3/details): the portal id and the
 * `uiDomain` its records live under, so Ferry can link a contact to its HubSpot
 * record (EU portals are app-eu1.hubspot.com; see docs/vendor-facts.md). Best
 * effort: a portal that will not say (an unexpected answer, a permission HubSpot
 * asks for there) leaves the links out; it never fails connecting. Whole-request
 * failures (network, 401) still throw, as every other call would fail the same way.
 */
export async function readAccountDetails(basePath: string, options: TransportOptions): Promise<AccountDetails> {
  const url = `${basePath.replace(/\/+$/, '')}/account-info/v3/details`;
  let text: string;
  try {
    const response = await send({ getUrl: () => url, getHttpMethod: () => 'GET', getHeaders: () => ({ Accept: 'application/json' }), getBody: () => undefined }, options);
    text = await response.body.text();
  } catch (error) {
    if (error instanceof HubSpotHttpError && error.status !== 401) return {};
    throw error;
  }
  try {
    const parsed = detailsSchema.safeParse(JSON.parse(text) as unknown);
    if (!parsed.success) return {};
    const { portalId, uiDomain, timeZone } = parsed.data;
    return {
      ...(timeZone ? { timeZone } : {}),
      ...(portalId === undefined ? {} : { portalId: String(portalId) }),
      ...(uiDomain && HUBSPOT_APP_HOST.test(uiDomain.toLowerCase()) ? { uiDomain: uiDomain.toLowerCase() } : {}),
    };
  } catch {
    return {};
  }
}
