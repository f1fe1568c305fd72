/**
 * Log and error scrubbing. Every path that turns something into text for a log,
 * an error message, a sync event or the renderer passes it through `redact` with
 * the secrets it may contain (or a SecretRegistry that remembers them).
 *
 * Invariant: a secret is replaced in every form it usually travels in — raw,
 * URL-encoded and JSON-escaped — and values of well-known secret fields
 * (access_token=…, "refresh_token": "…", Authorization: Bearer …) are replaced
 * even when the secret itself is not known.
 */
export const REDACTED = '[redacted]';

/** Shorter values are not scrubbed by value: they would mangle ordinary text. */
const MIN_SECRET_LENGTH = 6;

const SECRET_FIELD = '(?:access_token|refresh_token|id_token|client_secret|code_verifier|token|password|private_app_token|webhook_secret)';
const FIELD_PATTERNS: readonly RegExp[] = [
  // JSON: "access_token": "value" (not "code": CRM error bodies use it for error codes)
  new RegExp(`("${SECRET_FIELD}"\\s*:\\s*")((?:[^"\\\\]|\\\\.)+)(")`, 'gi'),
  // form bodies and query strings: access_token=value, and the authorization code
  new RegExp(`((?:^|[?&\\s])(?:${SECRET_FIELD}|code)=)([^&\\s"']+)()`, 'gi'),
  // HTTP auth headers
  /(\b(?:Bearer|OAuth)\s+)([A-Za-z0-9\-._~+/!$%]+=*)()/g,
  // HubSpot's revoke path carries the refresh token
  /(\/refresh-tokens\/)([^/?\s"']+)()/g,
];

function forms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [...new Set([secret, encodeURIComponent(secret), json, encodeURIComponent(secret).replace(/%20/g, '+')])];
}

/**
 * Replaces every known secret, and every value of a well-known secret field, by
 * `[redacted]`. Nulls and short values in `secrets` are ignored, so callers can pass
 * whatever token fields they hold.
 */
export function redact(text: string, secrets: Iterable<string | null | undefined> = []): string {
  const needles = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))]
    .flatMap(forms)
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const needle of needles) out = out.split(needle).join(REDACTED);
  for (const pattern of FIELD_PATTERNS) {
    out = out.replace(pattern, (_m, before: string, _value: string, after: string) => `${before}${REDACTED}${after}`);
  }
  return out;
}

/** The message of anything thrown, scrubbed; for logs and user-facing errors. */
export function redactError(error: unknown, secrets: Iterable<string | null | undefined> = []): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redact(text, secrets);
}

/**
 * Remembers every secret the process has handled, so log paths far from the vault
 * can scrub them. One instance per process, passed to whoever logs (no module state).
 */
export class SecretRegistry {
  private readonly secrets = new Set<string>();

  remember(value: string | null | undefined): void {
    if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  forget(value: string): void {
    this.secrets.delete(value);
  }

  redact(text: string): string {
    return redact(text, this.secrets);
  }

  /** The secrets themselves, for tests that scan files and logs for leaks. */
  known(): ReadonlySet<string> {
    return this.secrets;
  }
}
