import { z } from 'zod';
import { HubSpotHttpError, send, type TransportOptions } from './transport';

const detailsSchema = z.object({ portalId: z.union([z.number(), z.string()]).optional() }).passthrough();

/**
 * The portal id the token belongs to (GET /account-info/v3/details), so Ferry
 * can link a contact to its HubSpot record. Best effort: a portal that will not
 * say (an unexpected answer, a permission HubSpot asks for there) leaves the
 * links out; it never fails connecting. Whole-request failures (network, 401)
 * still throw, as every other call would fail the same way.
 */
export async function readPortalId(basePath: string, options: TransportOptions): Promise<string | undefined> {
  const url = `${basePath.replace(/\/+$/, '')}/account-info/v3/details`;
  let text: string;
  try {
    const response = await send({ getUrl: () => url, getHttpMethod: () => 'GET', getHeaders: () => ({ Accept: 'application/json' }), getBody: () => undefined }, options);
    text = await response.body.text();
  } catch (error) {
    if (error instanceof HubSpotHttpError && error.status !== 401) return undefined;
    throw error;
  }
  try {
    const parsed = detailsSchema.safeParse(JSON.parse(text) as unknown);
    return parsed.success && parsed.data.portalId !== undefined ? String(parsed.data.portalId) : undefined;
  } catch {
    return undefined;
  }
}
