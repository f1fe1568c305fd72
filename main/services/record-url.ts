import { destination } from '../../destinations/index';
import type { Connection } from '../store/connections';

/**
 * The record's page in the CRM's own web app, from its descriptor's
 * `recordUrl` template, or null when Ferry cannot build one: sandboxes have no
 * web app, a template needs what the connection learned ({account}: the portal
 * id; {origin}: the instance's https address). {host} is the account's own web
 * host when it is one of the destination's web hosts (EU HubSpot portals:
 * app-eu1.hubspot.com), else the descriptor's default. Only https addresses are
 * built, so the desktop window's allow-list decides the rest.
 */
export function crmRecordUrl(connection: Pick<Connection, 'kind' | 'config'>, externalId: string | null): string | null {
  if (!externalId || connection.config.sandbox === true) return null;
  const d = destination(connection.kind);
  if (!d.recordUrl) return null;
  const webHost = (host: string | undefined): boolean => host !== undefined && d.hosts.web.some((p) => new RegExp(p, 'u').test(host));
  const account = connection.config.account;
  const values: Record<string, string | null> = {
    id: encodeURIComponent(externalId),
    account: account && /^[A-Za-z0-9]+$/.test(account) ? account : null,
    host: webHost(connection.config.appHost) ? connection.config.appHost! : d.recordHostDefault ?? null,
    origin: httpsOrigin(connection.config.baseUrl),
    object: connection.config.object ?? 'Contact',
  };
  let missing = false;
  const url = d.recordUrl.replace(/\{(\w+)\}/gu, (_, name: string) => {
    const value = values[name];
    if (!value) missing = true;
    return value ?? '';
  });
  return missing ? null : url;
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
