import { checkEndpoint, originOf, type EndpointRule } from '../secrets/endpoint-policy';
import type { Connection, ConnectionKind } from '../store/connections';
import { DEFAULT_BASE_PATH as HUBSPOT_DEFAULT_BASE } from './hubspot/api';

/**
 * Where each kind of connection sends its credentials, checked against the one
 * endpoint policy (main/secrets/endpoint-policy.ts). Zapier has no entry: its
 * credential is the hook URL itself, so it can only ever be sent to itself
 * (its own checks are in crm/zapier/hook-url.ts).
 */
const RULES: Partial<Record<ConnectionKind, EndpointRule & { fallback?: string }>> = {
  hubspot: { what: 'HubSpot API address', vendor: 'hubspot', fallback: HUBSPOT_DEFAULT_BASE },
  salesforce: { what: 'Salesforce instance address', vendor: 'salesforce' },
  webhook: { what: 'webhook URL' },
};

/** The address this connection's credentials go to; null when the kind's credential is its own address (Zapier) or none is set yet. */
export function connectionEndpoint(connection: Pick<Connection, 'kind' | 'config'>): string | null {
  const rule = RULES[connection.kind];
  if (!rule) return null;
  return connection.config.baseUrl ?? rule.fallback ?? null;
}

/** Why this address may not be used for this kind of connection, or null when it may. */
export function endpointProblem(kind: ConnectionKind, baseUrl: string | undefined): string | null {
  const rule = RULES[kind];
  if (!rule || baseUrl === undefined) return null;
  const check = checkEndpoint(baseUrl, rule);
  return check.ok ? null : check.reason;
}

/** The origin a connection's stored credentials are bound to (see registry.ts), or null. */
export function connectionOrigin(connection: Pick<Connection, 'kind' | 'config'>): string | null {
  const endpoint = connectionEndpoint(connection);
  return endpoint === null ? null : originOf(endpoint);
}
