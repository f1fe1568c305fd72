import { checkEndpoint, originOf, type EndpointRule } from './endpoint-policy';
import type { Connection, ConnectionKind } from '../store/connections';
import { destination, type DestinationId } from '../../destinations/index';

/**
 * Where each kind of connection sends its credentials, checked against the one
 * endpoint policy (main/secrets/endpoint-policy.ts), from its descriptor: the
 * address the rep gives (a `baseUrl` credential field) or the destination's
 * default API base, and its known API hosts. A destination with neither (Zapier)
 * has no rule: its credential is the hook URL itself, so it can only ever be
 * sent to itself (its own checks are in crm/zapier/hook-url.ts).
 */
function ruleFor(kind: ConnectionKind): (EndpointRule & { fallback?: string }) | undefined {
  const d = destination(kind);
  const field = d.credentials.find((f) => f.configField === 'baseUrl');
  // no address field, no default base and no known hosts (a webhook): the credential is its own address
  if (!field && !d.defaultApiBase && d.hosts.api.length === 0) return undefined;
  const label = field?.label ?? 'API address';
  const what = label.startsWith(d.name) ? `${label[0]!.toLowerCase()}${label.slice(1)}` : `${d.name} ${label[0]!.toLowerCase()}${label.slice(1)}`;
  return { what, ...(d.hosts.api.length > 0 ? { vendor: d.id as DestinationId } : {}), ...(d.defaultApiBase ? { fallback: d.defaultApiBase } : {}) };
}

/** The address this connection's credentials go to; null when the kind's credential is its own address (Zapier) or none is set yet. */
function connectionEndpoint(connection: Pick<Connection, 'kind' | 'config'>): string | null {
  const rule = ruleFor(connection.kind);
  if (!rule) return null;
  return connection.config.baseUrl ?? rule.fallback ?? null;
}

/** Why this address may not be used for this kind of connection, or null when it may. */
export function endpointProblem(kind: ConnectionKind, baseUrl: string | undefined): string | null {
  const rule = ruleFor(kind);
  if (!rule || baseUrl === undefined) return null;
  const check = checkEndpoint(baseUrl, rule);
  return check.ok ? null : check.reason;
}

/** The origin a connection's stored credentials are bound to (see registry.ts), or null. */
export function connectionOrigin(connection: Pick<Connection, 'kind' | 'config'>): string | null {
  const endpoint = connectionEndpoint(connection);
  return endpoint === null ? null : originOf(endpoint);
}
