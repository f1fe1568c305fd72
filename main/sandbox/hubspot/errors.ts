import { correlationId } from '../shared/ids';
import type { Reply } from '../shared/http';

/**
 * HubSpot's error bodies. Every builder returns the wire shape HubSpot sends
 * (`status: "error"`, `message`, `correlationId`, `category`, optional
 * `errors`/`context`/`links`); the official SDK parses them into ApiException.body.
 */
export class HubSpotError extends Error {
  constructor(readonly status: number, readonly body: Record<string, unknown>, readonly headers: Record<string, string> = {}) {
    super(typeof body.message === 'string' ? body.message : `HubSpot error ${status}`);
    this.name = 'HubSpotError';
  }

  toReply(): Reply {
    return { status: this.status, body: this.body, headers: this.headers };
  }
}

function standard(status: number, category: string, message: string, extra: Record<string, unknown> = {}): HubSpotError {
  return new HubSpotError(status, { status: 'error', message, correlationId: correlationId(), category, ...extra });
}

/** One entry of the "Property values were not valid: [...]" list. */
export interface PropertyValueError {
  isValid: false;
  message: string;
  error: string;
  name: string;
  localizedErrorMessage: string;
  portalId: number;
}

export function propertyValueError(portalId: number, name: string, error: string, message: string): PropertyValueError {
  return { isValid: false, message, error, name, localizedErrorMessage: message, portalId };
}

export function invalidPropertyValues(errors: PropertyValueError[]): HubSpotError {
  return standard(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(errors)}`);
}

export function validationError(message: string, extra: Record<string, unknown> = {}): HubSpotError {
  return standard(400, 'VALIDATION_ERROR', message, extra);
}

export function invalidJson(detail: string): HubSpotError {
  return validationError(`Invalid input JSON on line 1, column 1: ${detail}`);
}

export function tooManyInputs(count: number, max: number): HubSpotError {
  return validationError(`Batch input size ${count} exceeds the maximum of ${max} inputs per request`, {
    context: { inputs: [String(count)], maxInputs: [String(max)] },
  });
}

/**
 * 409 for an e-mail another contact already has. Today's shape (checked against
 * HubSpot, see docs/vendor-facts.md): `category: OBJECT_ALREADY_EXISTS`, `error:
 * CONTACT_EXISTS`, the existing id in the message, and the field in `errors[].in`.
 * Older portals answer `category: CONFLICT` with the same message
 * (github.com/HubSpot/hubspot-api-nodejs/issues/545).
 */
export function contactExists(existingId: string): HubSpotError {
  return standard(409, 'OBJECT_ALREADY_EXISTS', `Contact already exists. Existing ID: ${existingId}`, {
    error: 'CONTACT_EXISTS',
    errors: [{ message: 'A contact with this email already exists.', in: 'email' }],
  });
}

/**
 * 409 for a value of a unique custom property (ferry_id) another record holds.
 * HubSpot's exact wording is not documented; this sandbox words it its own way on
 * purpose, so Ferry can only rely on the status, the category and `errors[].in`.
 */
export function uniqueValueExists(property: string, existingId: string): HubSpotError {
  return standard(409, 'OBJECT_ALREADY_EXISTS', `Sandbox: record ${existingId} already holds that value.`, {
    errors: [{ message: 'Sandbox: duplicate unique value.', in: property }],
  });
}

export function objectNotFound(id: string): HubSpotError {
  return standard(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [id] } });
}

export function notFoundRoute(method: string, path: string): HubSpotError {
  return standard(404, 'OBJECT_NOT_FOUND', `No route for ${method} ${path}`);
}

export function methodNotAllowed(method: string, path: string): HubSpotError {
  return standard(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed on ${path}`);
}

export function propertyExists(name: string): HubSpotError {
  return standard(409, 'OBJECT_ALREADY_EXISTS', `Property named '${name}' already exists.`, { subCategory: 'PropertyCreateError.PROPERTY_EXISTS' });
}

export function missingCredentials(): HubSpotError {
  return standard(401, 'INVALID_AUTHENTICATION',
    'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
}

export function expiredCredentials(expiredAgoMs: number): HubSpotError {
  const minutes = Math.max(0, Math.floor(expiredAgoMs / 60_000));
  return standard(401, 'EXPIRED_AUTHENTICATION', `The OAuth token used to make this call expired ${minutes} minute(s) ago.`, { context: {} });
}

export function missingScopes(required: string[]): HubSpotError {
  return standard(403, 'MISSING_SCOPES',
    "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    {
      errors: [{ message: 'One or more of the following scopes are required.', context: { requiredGranularScopes: required } }],
      links: { scopes: 'https://developers.hubspot.com/scopes' },
    });
}

type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY';

const rateLimitMessages: Record<RateLimitPolicy, string> = {
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
  SECONDLY: 'You have reached your secondly limit.',
  DAILY: 'You have reached your daily limit.',
};

/** HubSpot's 429 body has no `category`; it names the policy instead. */
export function rateLimited(policy: RateLimitPolicy, headers: Record<string, string>): HubSpotError {
  return new HubSpotError(429, {
    status: 'error',
    errorType: 'RATE_LIMIT',
    policyName: policy,
    message: rateLimitMessages[policy],
    correlationId: correlationId(),
  }, headers);
}

/**
 * HubSpot's documented waits that are not 429s (developers.hubspot.com/docs/api-reference/error-handling):
 * 423 Locked "when attempting to sync a large volume of data … Locks will last for 2 seconds";
 * 477 Migration in Progress while the account moves between data hosting locations,
 * "HubSpot will return a Retry-After response header indicating how many seconds to wait".
 * The bodies are not documented: only the status and Retry-After carry meaning.
 */
export function locked(): HubSpotError {
  return standard(423, 'LOCKED', 'This resource is locked by concurrent writes. Wait at least 2 seconds before retrying.');
}

export function migrationInProgress(retryAfterSeconds: number): HubSpotError {
  return new HubSpotError(477, { status: 'error', message: 'This account is being migrated between data hosting locations.', correlationId: correlationId(), category: 'MIGRATION_IN_PROGRESS' }, { 'retry-after': String(retryAfterSeconds) });
}

export function serverError(status: number): HubSpotError {
  const message = status === 503 ? 'Service Unavailable' : status === 502 ? 'Bad Gateway' : 'internal error';
  return standard(status, status >= 500 ? 'INTERNAL_ERROR' : 'ERROR', message);
}
