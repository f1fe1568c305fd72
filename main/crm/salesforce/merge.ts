import type { Connection as SfConnection } from 'jsforce';
import { SyncError } from '../../sync/connector';
import { ManualStepError } from '../record-actions';

/**
 * Merging two Salesforce records: the SOAP API's merge() (SOAP API Developer Guide,
 * sforce_api_calls_merge.htm; REST has no merge), through jsforce's own SOAP client
 * (`conn.soap.merge`, the call jsforce's test suite runs against a real org:
 * `merge({ masterRecord: { type, Id }, recordToMergeIds })`), so the request goes
 * through Ferry's transport like every other: the limiter, the timeout, scrubbing;
 * the token travels only in the envelope's SessionHeader.
 * - "Combines up to three records of the same type into one record": Ferry merges
 *   two, the survivor's record being the master, which keeps its Id; the other is
 *   deleted (Salesforce keeps it in the Recycle Bin, and Get Deleted lists it).
 * - Only records "of the same type": a Contact and a Lead cannot be merged. The way
 *   Salesforce makes them one is converting the Lead into the existing Contact, so
 *   Ferry says that instead of calling.
 * Ferry sends no field values on the master: the survivor's merged values reach the
 * record with the next push, like any edit.
 */
const objectOf = (id: string): 'Contact' | 'Lead' | null => (id.startsWith('003') ? 'Contact' : id.startsWith('00Q') ? 'Lead' : null);

/** Salesforce's steps for a Contact and a Lead that are one person. */
export function convertLeadStep(contactId: string, leadId: string): string {
  return `Salesforce cannot merge a Contact with a Lead. Open Lead ${leadId} in Salesforce, click Convert and choose the existing Contact ${contactId}, `
    + 'so Salesforce keeps one record (https://help.salesforce.com/s/articleView?id=sf.leads_convert.htm).';
}

const resultSchema = (raw: unknown): { success: boolean; id: string | null; message: string } => {
  const r = (Array.isArray(raw) ? raw[0] : raw) as { success?: unknown; id?: unknown; errors?: unknown } | undefined;
  const errors = Array.isArray(r?.errors) ? r.errors as { statusCode?: unknown; message?: unknown }[] : [];
  const message = errors.map((e) => [e.statusCode, e.message].filter((x) => typeof x === 'string' && x).join(': ')).join('; ');
  return { success: r?.success === true, id: typeof r?.id === 'string' && r.id ? r.id : null, message };
};

export async function mergeRecords(conn: SfConnection, primaryId: string, otherId: string): Promise<{ externalId: string }> {
  const primary = objectOf(primaryId);
  const other = objectOf(otherId);
  if (primary === null || other === null) throw new SyncError('invalid_request', `Ferry can merge Salesforce Contacts and Leads only (records ${primaryId} and ${otherId}).`);
  if (primary !== other) {
    throw new ManualStepError(primary === 'Contact' ? convertLeadStep(primaryId, otherId) : convertLeadStep(otherId, primaryId));
  }
  const result = resultSchema(await conn.soap.merge({ masterRecord: { type: primary, Id: primaryId }, recordToMergeIds: [otherId] }));
  if (!result.success) {
    throw new SyncError('invalid_request', `Salesforce refused to merge the two ${primary}s: ${result.message || 'no reason given'}.`, { crmError: result.message });
  }
  return { externalId: result.id ?? primaryId };
}
