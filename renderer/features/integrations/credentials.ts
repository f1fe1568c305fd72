import type { ChannelInput } from '../../../preload/contract';
import type { ConnectionKind } from '../../../preload/schemas/connection';
import { destination } from '../../../destinations/index';
import { credentialProblems, initialValues, toConnectParts, type CredentialValues } from '../../../destinations/credential-checks';

/**
 * What the rep types to connect a destination, by field key, as its descriptor
 * declares the fields (destinations/<id>.ts). Secrets only ever travel inward
 * (connect/reconnect).
 */
export type Credentials = Record<string, string>;
export type CredentialErrors = Record<string, string>;

type ConnectPart = Pick<ChannelInput<'connect'>, 'config' | 'secrets'>;

/** The form's starting values: choices at their first option, addresses as already known. */
export function emptyCredentials(kind: ConnectionKind, known: Partial<Record<string, string>> = {}): Credentials {
  return initialValues(destination(kind), known);
}

/** The same checks main applies, so the rep sees them before anything is sent. */
export function credentialErrors(kind: ConnectionKind, values: CredentialValues, only: 'all' | 'secrets' = 'all'): CredentialErrors {
  return credentialProblems(destination(kind), values, only);
}

/** The connect call's config and secrets; main's contract schema checks their shape again. */
export function toConnectPart(kind: ConnectionKind, values: CredentialValues): ConnectPart {
  return toConnectParts(destination(kind), values) as ConnectPart;
}
