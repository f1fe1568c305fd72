import { z } from 'zod';
import { SyncError } from '../../sync/connector';
import { parseRetryAfter } from '../shared/network-errors';
import { msUntilMidnight } from './portal-time';
import { HubSpotHttpError } from './transport';

/**
 * HubSpot's error bodies → SyncError (the whole request failed) or the words
 * needed to reject one record. Every field is optional and a field of an
 * unexpected type is ignored, never fatal: HubSpot's shapes vary by endpoint.
 */

const lenientString = z.string().optional().catch(undefined);
const stringList = z.array(z.unknown()).transform((xs) => xs.map(String));
const contextSchema = z.record(z.string(), z.union([stringList, z.unknown().transform((x) => [String(x)])])).optional().catch(undefined);

const detailSchema = z.object({
  message: lenientString,
  code: lenientString,
  /** the field or parameter the error is about (ErrorDetail.in in HubSpot's OpenAPI specs) */
  in: lenientString,
  subCategory: lenientString,
  context: contextSchema,
});

const bodySchema = z.object({
  status: lenientString,
  message: lenientString,
  correlationId: lenientString,
  category: lenientString,
  subCategory: lenientString,
  /** e.g. CONTACT_EXISTS on today's 409 for an existing e-mail */
  error: lenientString,
  errorType: lenientString,
  policyName: lenientString,
  context: contextSchema,
  errors: z.array(z.unknown()).optional().catch(undefined),
});

interface ErrorDetail {
  message?: string;
  code?: string;
  in?: string;
  context?: Record<string, string[]>;
}

interface HubSpotErrorBody {
  message?: string;
  category?: string;
  error?: string;
  subCategory?: string;
  policyName?: string;
  correlationId?: string;
  context?: Record<string, string[]>;
  errors: ErrorDetail[];
}

/** Reads any error body (JSON object, text or nothing) without ever throwing. */
export function parseErrorBody(body: unknown): HubSpotErrorBody {
  if (typeof body === 'string') return { message: body.slice(0, 2000), errors: [] };
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return { errors: [] };
  const errors = (parsed.data.errors ?? []).flatMap((e) => {
    const d = detailSchema.safeParse(e);
    return d.success ? [d.data] : [];
  });
  return { ...parsed.data, errors };
}

/** One entry of "Property values were not valid: [...]". */
export interface PropertyValueError {
  name: string;
  error?: string;
  message?: string;
}

const propertyValueErrorSchema = z.object({ name: z.string(), error: lenientString, message: lenientString });

/** The per-property errors HubSpot embeds as JSON in a VALIDATION_ERROR message. */
export function propertyValueErrors(message: string | undefined): PropertyValueError[] {
  const start = message?.indexOf('[') ?? -1;
  if (!message || start < 0 || !/not valid/i.test(message.slice(0, start))) return [];
  try {
    const list: unknown = JSON.parse(message.slice(start));
    if (!Array.isArray(list)) return [];
    return list.flatMap((item) => {
      const p = propertyValueErrorSchema.safeParse(item);
      return p.success ? [p.data] : [];
    });
  } catch {
    // not the JSON list we know: the caller falls back to bisecting
    return [];
  }
}

/**
 * A 409 saying a unique value (an e-mail, a unique property) is already another
 * record's: read from the status, `category` (OBJECT_ALREADY_EXISTS today,
 * CONFLICT on older portals), `error` (CONTACT_EXISTS) and `errors[].in`, never
 * from sentences. `fields` are the properties named; `existingId` is HubSpot's
 * "Existing ID: …", kept only to show the user which record it is.
 */
interface UniqueConflict {
  fields: string[];
  existingId: string | undefined;
}

const CONFLICT_CATEGORIES = new Set(['OBJECT_ALREADY_EXISTS', 'CONFLICT']);

export function uniqueConflict(error: HubSpotHttpError): UniqueConflict | undefined {
  if (error.status !== 409) return undefined;
  const body = parseErrorBody(error.body);
  const known = CONFLICT_CATEGORIES.has(body.category ?? '') || body.error === 'CONTACT_EXISTS';
  const fields = [...new Set(body.errors.flatMap((e) => (e.in ? [e.in] : [])))];
  if (body.error === 'CONTACT_EXISTS' && !fields.includes('email')) fields.push('email');
  if (!known && fields.length === 0) return undefined;
  // the id is only displayed, so reading it from HubSpot's message is harmless when absent
  const existingId = /Existing ID: (\d+)/.exec(body.message ?? '')?.[1] ?? body.context?.existingId?.[0];
  return { fields, existingId };
}

/** HubSpot's own words for the log: message and category, never headers or tokens. */
export function crmErrorText(error: HubSpotHttpError): string {
  const body = parseErrorBody(error.body);
  const parts = [`HTTP ${error.status}`, body.category ?? body.policyName, body.message].filter(Boolean);
  return parts.join(' ').slice(0, 4000);
}

/** The scopes a 403 MISSING_SCOPES names, however HubSpot phrased the context. */
export function missingScopes(body: HubSpotErrorBody): string[] {
  const scopes = new Set<string>();
  for (const ctx of [body.context, ...body.errors.map((e) => e.context)]) {
    for (const [key, values] of Object.entries(ctx ?? {})) if (/scope/i.test(key)) values.forEach((v) => scopes.add(v));
  }
  return [...scopes];
}

/** A 423 lock lasts 2 seconds (HubSpot's error-handling guide). */
const LOCK_WAIT_MS = 2_000;
/** A 477 without Retry-After: try again in an hour (migrations take "up to 24 hours"). */
const MIGRATION_DEFAULT_WAIT_MS = 60 * 60_000;

function waitInWords(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `${Math.round(minutes / 60)} hours`;
}

/** How long to wait after a 429 when HubSpot sent no Retry-After. */
const POLICY_WAIT_MS: Record<string, number> = {
  // a rolling 10-second window: a fifth of it frees enough slots for the paced limiter
  TEN_SECONDLY_ROLLING: 2_000,
  SECONDLY: 1_000,
};

const VALIDATION_IS_OURS = /Invalid input JSON|Batch input size|exceeds the maximum|non-unique|cannot be used as an idProperty|Unable to infer object type/i;

/**
 * True when a 400/409 may concern single records (so the batch is split to find
 * them), false when it is about the request itself.
 */
export function isRecordLevel(error: HubSpotHttpError): boolean {
  if (error.status === 409) return true;
  if (error.status !== 400) return false;
  const body = parseErrorBody(error.body);
  return !VALIDATION_IS_OURS.test(body.message ?? '');
}

/** A whole-request failure in the user's words. `error` is a HubSpotHttpError or already a SyncError. */
export function toSyncError(error: HubSpotHttpError, now: number, portalTimeZone?: string): SyncError {
  const body = parseErrorBody(error.body);
  const crmError = crmErrorText(error);
  const status = error.status;
  if (status >= 200 && status < 300) {
    return new SyncError('server', 'HubSpot sent an answer Ferry could not read. Ferry will try again.', { status, crmError });
  }
  if (status === 401) {
    const expired = body.category === 'EXPIRED_AUTHENTICATION';
    return new SyncError('auth', expired
      ? 'The HubSpot sign-in has expired. Ferry will renew it, or ask you to reconnect HubSpot.'
      : 'HubSpot no longer accepts Ferry\'s access. Reconnect HubSpot in Integrations.', { status, crmError });
  }
  if (status === 403) {
    const scopes = missingScopes(body);
    const scope = scopes.join(', ') || undefined;
    return new SyncError('permission', scope
      ? `HubSpot has not given Ferry the permission "${scope}". Ask a HubSpot admin to reconnect Ferry with it.`
      : 'HubSpot does not let Ferry do this. Ask a HubSpot admin to check Ferry\'s permissions.', { status, crmError, scope });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.headers['retry-after'], now);
    if (body.policyName === 'DAILY') {
      // the allowance resets at midnight in the portal's time zone (see portal-time.ts)
      const untilReset = retryAfterMs ?? msUntilMidnight(now, portalTimeZone);
      return new SyncError('daily_limit', 'HubSpot\'s daily request allowance for this account is used up. Syncing resumes when HubSpot resets it at midnight, account time.', { status, crmError, ...(untilReset === undefined ? {} : { retryAfterMs: untilReset }) });
    }
    const wait = retryAfterMs ?? POLICY_WAIT_MS[body.policyName ?? ''] ?? 2_000;
    return new SyncError('rate_limited', 'HubSpot asked Ferry to slow down. Ferry will continue in a moment.', { status, crmError, retryAfterMs: wait });
  }
  // developers.hubspot.com/docs/api-reference/error-handling: "Locks will last for 2 seconds,
  // so if you receive a 423 error, you should include a delay of at least 2 seconds"
  if (status === 423) {
    return new SyncError('rate_limited', 'HubSpot is busy with other changes to these contacts. Ferry will continue in a moment.', {
      status, crmError, retryAfterMs: Math.max(LOCK_WAIT_MS, parseRetryAfter(error.headers['retry-after'], now) ?? 0),
    });
  }
  // same page: 477 while the account moves between data hosting locations, with a
  // Retry-After "indicating how many seconds to wait before retrying (typically up to 24 hours)"
  if (status === 477) {
    const retryAfterMs = parseRetryAfter(error.headers['retry-after'], now) ?? MIGRATION_DEFAULT_WAIT_MS;
    return new SyncError('rate_limited', `HubSpot is moving this HubSpot account between data centres. Ferry will continue in about ${waitInWords(retryAfterMs)}; nothing is lost.`, { status, crmError, retryAfterMs });
  }
  if (status >= 500) {
    return new SyncError('server', 'HubSpot is having trouble right now. Ferry will try again.', { status, crmError });
  }
  if (status === 404) {
    return new SyncError('config', 'HubSpot did not recognise Ferry\'s request. Check the HubSpot address of this connection.', { status, crmError });
  }
  return new SyncError('invalid_request', 'HubSpot refused Ferry\'s request. The details are in the sync log.', { status, crmError });
}

const PROPERTY_LABELS: Record<string, string> = {
  email: 'the e-mail address',
  firstname: 'the first name',
  lastname: 'the last name',
  phone: 'the phone number',
  mobilephone: 'the mobile number',
  company: 'the company',
  jobtitle: 'the job title',
  website: 'the website',
  address: 'the street address',
  city: 'the city',
  state: 'the state or region',
  zip: 'the postal code',
  country: 'the country',
  ferry_tags: 'the tags',
  ferry_met_at: 'the meeting date',
  ferry_met_where: 'the meeting place',
  ferry_met_event: 'the meeting event',
  ferry_meeting_notes: 'the meeting notes',
  ferry_other_emails: 'the other e-mail addresses',
  ferry_other_phones: 'the other phone numbers',
  hs_note_body: 'the notes',
};

export function propertyLabel(name: string): string {
  return PROPERTY_LABELS[name] ?? (name.startsWith('ferry_cf_') ? `the custom field "${name.slice('ferry_cf_'.length)}"` : `the field "${name}"`);
}

const clip = (v: string): string => (v.length > 80 ? `${v.slice(0, 77)}…` : v);

/** The sentence a rep reads when HubSpot refused one value of one contact. */
export function rejectionSentence(e: PropertyValueError, value: string | undefined): string {
  const label = propertyLabel(e.name);
  const shown = value === undefined ? '' : ` '${clip(value)}'`;
  switch (e.error) {
    case 'INVALID_EMAIL':
      return `HubSpot says the e-mail address${shown} is not valid.`;
    case 'INVALID_DATE':
      return `HubSpot says${shown} is not a valid date for ${label}.`;
    case 'INVALID_LONG_STRING':
      return `HubSpot says ${label} is too long.`;
    case 'INVALID_FLOAT':
      return `HubSpot expects a number in ${label}, not${shown}.`;
    case 'PROPERTY_DOESNT_EXIST':
      return `HubSpot has no field for ${label}. Reconnect HubSpot so Ferry can create it.`;
    case 'READ_ONLY_VALUE':
      return `HubSpot does not let anyone change ${label}.`;
    default:
      return `HubSpot did not accept${shown || ''} in ${label}.`;
  }
}
