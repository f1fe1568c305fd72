import type { CredentialField, DestinationDescriptor } from './descriptor';

/**
 * What a rep typed to connect a destination, checked and shaped by its
 * descriptor alone: the Add integration form, the reconnect form, the CLI and
 * main's connect all read these, so a new destination needs no form code.
 * Plain data in, plain data out: shared by main and the renderer.
 */

/** The typed values by field key ('token', 'instanceUrl', …). */
export type CredentialValues = Readonly<Record<string, string>>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when this address is plain http to this computer (a local test receiver). */
export function isLoopbackHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

function isAllowedUrl(text: string, loopbackHttp: boolean): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || (loopbackHttp && isLoopbackHttpUrl(text));
  } catch {
    return false;
  }
}

/** The value a field starts with: a choice field's first option, else empty. */
export function initialValue(field: CredentialField): string {
  return field.choices?.[0]?.value ?? '';
}

/** The values a form starts with for this destination. */
export function initialValues(d: DestinationDescriptor, known: Partial<Record<string, string>> = {}): Record<string, string> {
  return Object.fromEntries(d.credentials.map((f) => [f.key, known[f.key] ?? initialValue(f)]));
}

/** Secrets are kept as typed; anything else loses its surrounding blanks. */
function cleaned(field: CredentialField, value: string | undefined): string {
  const text = value ?? initialValue(field);
  return field.vaultEntry === 'webhook_secret' ? text : text.trim();
}

/** The sentence for a value its field does not accept, or null. */
export function fieldProblem(field: CredentialField, value: string | undefined): string | null {
  const text = cleaned(field, value);
  if (field.choices) return field.choices.some((c) => c.value === text) ? null : `${field.label} must be one of ${field.choices.map((c) => c.label).join(', ')}.`;
  const check = field.check;
  if (!check) return text === '' ? `${field.label} is needed.` : null;
  switch (check.rule) {
    case 'present': return text === '' ? check.message : null;
    case 'minLength': return text.length < check.min ? check.message : null;
    case 'url': return isAllowedUrl(text, check.loopbackHttp) && (check.pattern === undefined || new RegExp(check.pattern, 'u').test(text)) ? null : check.message;
  }
}

/** Every field's problem, by key; empty when the values may be sent. */
export function credentialProblems(d: DestinationDescriptor, values: CredentialValues, only: 'all' | 'secrets' = 'all'): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of d.credentials) {
    if (only === 'secrets' && !field.vaultEntry) continue;
    const problem = fieldProblem(field, values[field.key]);
    if (problem) problems[field.key] = problem;
  }
  return problems;
}

/** The connect call's `config` (the non-secret fields, and how it authenticates) and `secrets`, for typed credentials. */
export function toConnectParts(d: DestinationDescriptor, values: CredentialValues): { config: Record<string, string>; secrets: Record<string, string> } {
  const config: Record<string, string> = d.typedAuth ? { auth: d.typedAuth } : {};
  const secrets: Record<string, string> = {};
  for (const field of d.credentials) {
    const value = cleaned(field, values[field.key]);
    if (field.configField) config[field.configField] = value;
    else secrets[field.key] = value;
  }
  return { config, secrets };
}

/** The field whose value is where contacts go (a hook or webhook URL), if the destination has one. */
export function addressField(d: DestinationDescriptor): CredentialField | undefined {
  return d.credentials.find((f) => f.isAddress === true);
}
