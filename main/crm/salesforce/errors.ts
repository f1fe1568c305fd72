import { z } from 'zod';
import { SyncError } from '../../sync/connector';
import type { Session } from './session';

/**
 * Salesforce's errors → what the engine and the rep need: a SyncError for a
 * whole request, a sentence for one refused record.
 */

/** One record's error in a collection result; every field optional but the code. */
export const recordErrorSchema = z.object({
  statusCode: z.string(),
  message: z.string().catch(''),
  fields: z.array(z.string()).catch([]).default([]),
  duplicateResult: z.unknown().optional(),
}).passthrough();
export type RecordError = z.infer<typeof recordErrorSchema>;

const matchRecordSchema = z.object({
  record: z.object({ Id: z.string(), Email: z.string().nullable().optional() }).passthrough(),
}).passthrough();

const duplicateResultSchema = z.object({
  matchResults: z.array(z.object({
    entityType: z.string().optional().catch(undefined),
    matchRecords: z.array(matchRecordSchema).catch([]),
  }).passthrough()).catch([]),
}).passthrough();

/** One record a duplicate rule matched; `email` undefined when Salesforce did not include it. */
export interface DuplicateMatch {
  id: string;
  entityType: string | undefined;
  email: string | null | undefined;
}

/**
 * The records a DUPLICATES_DETECTED error names (needs includeRecordDetails=true).
 * Real REST bodies spell the key `duplicateResut` (sic); both spellings are read
 * (docs/vendor-facts.md, "Duplicate rules").
 */
export function duplicateMatches(error: RecordError): DuplicateMatch[] {
  const raw = (error as Record<string, unknown>).duplicateResut ?? error.duplicateResult;
  const parsed = duplicateResultSchema.safeParse(raw);
  if (!parsed.success) return [];
  const seen = new Set<string>();
  return parsed.data.matchResults.flatMap((m) => m.matchRecords.flatMap((r) => {
    if (seen.has(r.record.Id)) return [];
    seen.add(r.record.Id);
    return [{ id: r.record.Id, entityType: m.entityType, email: r.record.Email }];
  }));
}

/** The ids a DUPLICATE_EXTERNAL_ID message lists: "…: more than one record found for external id field: [a, b]". */
export function externalIdMatches(error: RecordError): string[] {
  const list = /\[([^\]]*)\]/.exec(error.message)?.[1] ?? '';
  return list.split(',').map((s) => s.trim()).filter((s) => /^[a-zA-Z0-9]{15,18}$/.test(s));
}

const FIELD_LABELS: Record<string, string> = {
  FirstName: 'the first name', LastName: 'the last name', Email: 'the e-mail address', Phone: 'the phone number',
  MobilePhone: 'the mobile number', Title: 'the job title', Company: 'the company', Description: 'the notes',
  Website: 'the website', Ferry_Id__c: "Ferry's id field",
  MailingStreet: 'the street', MailingCity: 'the city', MailingState: 'the state or region', MailingPostalCode: 'the postal code', MailingCountry: 'the country',
  HomePhone: 'the home phone number', OtherPhone: 'the other phone number', Ferry_Tags__c: 'the tags', Ferry_Website__c: 'the website', Ferry_Company__c: 'the company',
  OtherStreet: 'the other street', OtherCity: 'the other city', OtherState: 'the other state or region', OtherPostalCode: 'the other postal code', OtherCountry: 'the other country',
  Street: 'the street', City: 'the city', State: 'the state or region', PostalCode: 'the postal code', Country: 'the country',
};
const label = (field: string): string => FIELD_LABELS[field] ?? `the field ${field}`;
const list = (fields: string[]): string => fields.map(label).join(' and ') || 'a required field';

/** The sentence a rep reads when Salesforce refused one record. */
export function rejectionSentence(error: RecordError, object: string): string {
  const what = object === 'Lead' ? 'lead' : 'contact';
  switch (error.statusCode) {
    case 'REQUIRED_FIELD_MISSING':
      return `Salesforce needs ${list(error.fields)} for every ${what}. Fill it in in Ferry.`;
    case 'FIELD_CUSTOM_VALIDATION_EXCEPTION':
      return `A validation rule in your Salesforce org refused this ${what}: "${error.message}". Change the contact in Ferry, or ask your Salesforce admin about the rule.`;
    case 'INVALID_EMAIL_ADDRESS':
      return 'Salesforce says the e-mail address is not valid. Correct it in Ferry.';
    case 'STRING_TOO_LONG':
      return `${label(error.fields[0] ?? '').replace(/^t/, 'T')} is longer than Salesforce allows. Shorten it in Ferry.`;
    case 'DUPLICATE_VALUE':
      return `Another ${what} in Salesforce already has the same ${list(error.fields)}.`;
    case 'DUPLICATES_DETECTED':
      return `A duplicate rule in Salesforce blocked this ${what}, but Salesforce did not say which record it matched. Check for a duplicate in Salesforce.`;
    case 'INVALID_FIELD':
    case 'INVALID_FIELD_FOR_INSERT_UPDATE':
      return `Salesforce does not let Ferry write ${list(error.fields)}. Ask your Salesforce admin to check field access for Ferry's user.`;
    default:
      return `Salesforce did not accept this ${what}: ${error.message}`;
  }
}

export const crmErrorOf = (error: RecordError): string => `${error.statusCode}: ${error.message}`.slice(0, 4000);

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { errorCode?: unknown }).errorCode ?? (error as { name?: unknown }).name;
  // a SOAP fault's code carries its namespace prefix (faultcode sf:INVALID_SESSION_ID)
  return typeof code === 'string' ? code.replace(/^sf:/, '') : undefined;
}

/**
 * A whole-request failure as a SyncError. A SyncError from the transport or the
 * capped refresh wins; jsforce's errors are classified by Salesforce's
 * errorCode; anything else (a bug) is rethrown unchanged by the caller.
 */
export function toSyncError(error: unknown, session: Session): SyncError | undefined {
  const auth = session.authError();
  if (auth) return auth;
  if (error instanceof SyncError) return error;
  const code = errorCodeOf(error);
  const crmError = `${code ?? 'ERROR'}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 4000);
  switch (code) {
    case 'INVALID_SESSION_ID':
      return new SyncError('auth', "Salesforce no longer accepts Ferry's sign-in. Reconnect Salesforce in Integrations.", { status: 401, crmError });
    case 'REQUEST_LIMIT_EXCEEDED':
      return new SyncError('daily_limit', 'Your Salesforce org has used up its daily API allowance. Syncing resumes when Salesforce frees it.', { status: 403, crmError });
    case 'NOT_FOUND':
    case 'INVALID_TYPE':
      return new SyncError('config', 'Salesforce did not recognise Ferry\'s request. Check the instance URL and the object (Contact or Lead) of this connection.', { status: 404, crmError });
    case 'MALFORMED_QUERY':
    case 'INVALID_FIELD':
    case 'JSON_PARSER_ERROR':
    case 'EXCEEDED_ID_LIMIT':
      return new SyncError('invalid_request', 'Salesforce refused Ferry\'s request. The details are in the sync log.', { status: 400, crmError });
    default:
      if (code?.startsWith('ERROR_HTTP_5')) return new SyncError('server', 'Salesforce is having trouble right now. Ferry will try again.', { crmError });
      if (code?.startsWith('ERROR_HTTP_')) return new SyncError('invalid_request', 'Salesforce refused Ferry\'s request. The details are in the sync log.', { crmError });
      return undefined;
  }
}
