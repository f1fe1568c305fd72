import type { Connection } from '../store/connections';

/** HubSpot's web app when the portal did not say (`uiDomain`); the record lives under the portal (hub) id. */
const HUBSPOT_APP_HOST = 'app.hubspot.com';
/** app.hubspot.com or a regional app-<region>.hubspot.com (EU portals: app-eu1.hubspot.com). */
const HUBSPOT_APP_HOSTS = /^app(-[a-z0-9]+)?\.hubspot\.com$/;

/**
 * The record's page in the CRM's own web app, or null when Ferry cannot build
 * one: sandboxes have no web app, a HubSpot address needs the portal id, a
 * Salesforce one the instance address. Only https addresses are returned, so
 * the desktop window's allow-list decides the rest.
 */
export function crmRecordUrl(connection: Pick<Connection, 'kind' | 'config'>, externalId: string | null): string | null {
  if (!externalId || connection.config.sandbox === true) return null;
  const id = encodeURIComponent(externalId);
  if (connection.kind === 'hubspot') {
    const portal = connection.config.account;
    const host = connection.config.appHost && HUBSPOT_APP_HOSTS.test(connection.config.appHost) ? connection.config.appHost : HUBSPOT_APP_HOST;
    return portal && /^\d+$/.test(portal) ? `https://${host}/contacts/${portal}/record/0-1/${id}` : null;
  }
  if (connection.kind === 'salesforce') {
    const base = httpsOrigin(connection.config.baseUrl);
    const object = connection.config.object ?? 'Contact';
    return base ? `${base}/lightning/r/${object}/${id}/view` : null;
  }
  return null;
}

function httpsOrigin(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
