import type { Connection, ConnectionKind } from '../store/connections';
import type { PushContext } from '../sync/connector';
import type { ConnectorRegistry } from './registry';

/**
 * What Ferry may ask a CRM to do to one record besides pushing it: merge two
 * records, erase one for a data-protection request, or remove one a rep
 * deleted. A destination offers only what its API can do; for the rest,
 * `manualSteps` says what the user must do in the CRM. Like connectors, these
 * never retry or touch SQLite: the caller does.
 */
export interface CrmRecordActions {
  /** merges `otherId` into `primaryId`; resolves with the id the CRM keeps (HubSpot gives the merged record a new one) */
  merge?(primaryId: string, otherId: string, ctx: ActionContext): Promise<{ externalId: string }>;
  /** erases the record and, where the CRM offers it, everything about the person (a record already gone counts as done) */
  erase?(externalId: string, ctx: ActionContext): Promise<{ note?: string }>;
  /** removes a record a rep deleted (HubSpot archives it; Salesforce deletes it); a record already gone counts as done */
  remove?(externalId: string, ctx: ActionContext): Promise<{ note?: string }>;
  /** keeps the record and marks it deleted in Ferry (`deletedOn`: YYYY-MM-DD), or clears the mark (null) when the contact is restored */
  mark?(externalId: string, deletedOn: string | null, ctx: ActionContext): Promise<void>;
  /**
   * For a CRM where `mark` needs something set up first (Salesforce: a Ferry_Deleted__c
   * field an admin adds): null when it can mark, else the sentence saying what to add.
   */
  markReady?(ctx: ActionContext): Promise<string | null>;
}

export type ActionContext = Pick<PushContext, 'beforeRequest' | 'afterResponse' | 'signal' | 'connection'>;

type ActionFactory = (connection: Connection, secrets: ReturnType<ConnectorRegistry['secretsFor']>) => Promise<CrmRecordActions>;

/** Loaded on first use, like the drivers: a command that never merges never loads a CRM SDK. */
const factories: Partial<Record<ConnectionKind, ActionFactory>> = {
  hubspot: async (connection, secrets) => (await import('./hubspot/record-actions')).hubSpotRecordActions(connection, secrets),
  salesforce: async (connection, secrets) => (await import('./salesforce/record-actions')).salesforceRecordActions(connection, secrets),
  zoho: async (connection, secrets) => (await import('./zoho/record-actions')).zohoRecordActions(connection, secrets),
};

/** What the user must do in a CRM that cannot do it through its API (or that Ferry does not call). */
export const manualSteps: { merge: Partial<Record<ConnectionKind, string>>; erase: Partial<Record<ConnectionKind, string>> } = {
  // Salesforce merges through its SOAP API's merge() (crm/salesforce/merge.ts); a Contact and a Lead it cannot merge: ManualStepError says what to do
  merge: {},
  erase: {},
};

/**
 * Thrown by an action the CRM cannot do for these records, where the user can do
 * something else there (Salesforce: a Contact and a Lead are not merged but the
 * Lead converted); the message is that step, and the caller records it as one.
 */
export class ManualStepError extends Error {
  constructor(step: string) {
    super(step);
    this.name = 'ManualStepError';
  }
}

/** A sentence for a CRM Ferry cannot reach for this action. */
export function manualStep(action: 'merge' | 'erase', kind: ConnectionKind, crmLabel: string, externalIds: string[]): string {
  const specific = manualSteps[action][kind];
  if (specific) return specific;
  const ids = externalIds.length > 0 ? ` (record ${externalIds.join(' and ')})` : '';
  return action === 'merge'
    ? `Ferry cannot merge records in ${crmLabel}: merge the two records there by hand${ids}.`
    : `Ferry cannot delete records in ${crmLabel}: delete this person there by hand${ids}.`;
}

/** The record actions of a connection's CRM, or null when its destination has none. */
export async function recordActionsFor(registry: ConnectorRegistry, connection: Connection): Promise<CrmRecordActions | null> {
  const factory = factories[connection.kind];
  return factory ? factory(connection, registry.secretsFor(connection)) : null;
}

/** One action outside a sync run: no pacing beyond the CRM's own answer, a minute at most. */
export function standaloneContext(connection: Connection): ActionContext {
  return { connection, beforeRequest: async () => undefined, afterResponse: () => undefined, signal: AbortSignal.timeout(60_000) };
}
