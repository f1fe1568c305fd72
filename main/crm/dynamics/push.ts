import type { PushItem, PushResult } from '../../sync/connector';
import { buildBatch, parseBatchResponse, type BatchPartResponse } from './batch';
import { crmText, dataverseError, rejectionSentence } from './errors';
import { send, type TransportOptions } from './transport';
import { API_PATH, keyLiteral, limitNamed } from './wire';

/**
 * One `$batch` of upserts by the Ferry ID alternate key. Each is
 * `PATCH contacts(<column>='<uid>')` with neither If-Match nor If-None-Match: an
 * upsert (Web API "Upsert a table row"; the conditional headers would turn it
 * into update-only or create-only). The key is Ferry's own id for the contact,
 * so sending the same batch again — after a crash, a lost answer or a retry —
 * updates the records the first one created and never makes a second one.
 *
 * The requests are independent (no change set) and sent with
 * `Prefer: odata.continue-on-error`, so one refused contact does not stop or
 * roll back the others (execute-batch-operations-using-web-api, "Handling errors").
 */

/** `https://org…/api/data/v9.2/contacts(<guid>)` → the guid. */
function entityId(headers: Record<string, string>): string | undefined {
  const raw = headers['odata-entityid'] ?? headers.location;
  return /contacts\(([0-9a-f-]{36})\)/i.exec(raw ?? '')?.[1]?.toLowerCase();
}

function outcome(item: PushItem, part: BatchPartResponse | undefined): PushResult {
  const id = item.contactId;
  if (!part) return { contactId: id, outcome: 'retry', message: 'Dynamics 365 did not answer for this contact in its batch. Ferry will send it again.', crmError: 'no response part' };
  if (part.status >= 200 && part.status <= 299) {
    const externalId = entityId(part.headers);
    if (!externalId) return { contactId: id, outcome: 'retry', message: 'Dynamics 365 did not say which record it wrote. Ferry will send it again.', crmError: `HTTP ${part.status} without OData-EntityId` };
    // 201 when the upsert created and return=representation was asked; otherwise the link tells
    const created = part.status === 201 || (part.status !== 200 && item.externalId === null);
    return { contactId: id, outcome: created ? 'created' : 'updated', externalId };
  }
  const { code, message } = dataverseError(part.body);
  const crmError = crmText(part.status, code, message);
  if (part.status === 429 || part.status >= 500 || limitNamed(code) !== undefined) {
    return { contactId: id, outcome: 'retry', message: `Dynamics 365 could not take this contact right now (HTTP ${part.status}). Ferry will send it again.`, crmError };
  }
  return { contactId: id, outcome: 'rejected', message: rejectionSentence(message || `HTTP ${part.status}`), crmError };
}

/** A payload as the JSON body of its upsert (field-schema.ts upsertBody types the mapped columns). */
export type BodyOf = (payload: PushItem['payload']) => Record<string, unknown>;

export async function upsertBatch(items: readonly PushItem[], column: string, options: TransportOptions, bodyOf: BodyOf = (p) => p): Promise<PushResult[]> {
  const { contentType, body } = buildBatch(items.map((item) => ({
    method: 'PATCH' as const,
    path: `${API_PATH}/contacts(${column}=${keyLiteral(item.uid)})`,
    body: bodyOf(item.payload),
  })));
  const response = await send({
    method: 'POST',
    path: `${API_PATH}/$batch`,
    body,
    headers: { 'Content-Type': contentType, Prefer: 'odata.continue-on-error' },
    // every part is an upsert by Ferry's key: sending the batch again changes nothing more
    idempotent: true,
  }, options);
  const parts = parseBatchResponse(response.text, response.headers['content-type']);
  return items.map((item, i) => outcome(item, parts[i]));
}
