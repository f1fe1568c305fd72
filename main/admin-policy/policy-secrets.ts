/**
 * Secrets never travel in a policy: it is read by every laptop, lies in shared
 * folders and registry keys, and is handed around by e-mail. This finds
 * anything that looks like one — by the key's name or by the value's shape —
 * anywhere in the document, and says where (never what).
 */

const SECRET_KEY = /(token|secret|passw|pwd|api[-_]?key|private[-_]?key|credential|authori[sz]ation|bearer|hook[-_]?url|session[-_]?id|cookie)/i;

const SECRET_VALUES: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /^pat-[a-z0-9]{2,4}-[0-9a-f-]{8,}/i, what: 'a HubSpot access token' },
  { pattern: /^eyJ[\w-]{8,}\.[\w-]{8,}/, what: 'a signed token (JWT)' },
  { pattern: /^whsec_/, what: 'a webhook signing secret' },
  { pattern: /hooks\.zapier\.com\/hooks\/catch\//i, what: 'a Zapier hook URL' },
  { pattern: /^(Bearer|Basic)\s+\S{8,}/i, what: 'an Authorization header' },
  { pattern: /^00D[0-9A-Za-z]{12,15}![\w.]{16,}/, what: 'a Salesforce session id' },
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, what: 'a private key' },
  { pattern: /^[a-z][\w+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, what: 'a URL with a password in it' },
];

/** Long runs of letters, digits and symbols mixing cases and digits: what keys and tokens look like, not words. */
function looksRandom(value: string): boolean {
  if (value.length < 32 || /\s/.test(value)) return false;
  if (!/^[A-Za-z0-9_\-+/=.~]+$/.test(value)) return false;
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value);
}

/** The first secret-looking thing in `value`, as a sentence ending that names its path; null when there is none. */
export function secretProblem(value: unknown, path: string[] = []): string | null {
  const where = path.length > 0 ? path.join('.') : 'the top level';
  if (typeof value === 'string') {
    const hit = SECRET_VALUES.find((v) => v.pattern.test(value));
    if (hit) return `it holds what looks like ${hit.what} at ${where}, and secrets never travel in a policy`;
    if (looksRandom(value)) return `it holds what looks like a key or token at ${where}, and secrets never travel in a policy`;
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = secretProblem(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) return `it has a setting named "${key}" at ${where}, and secrets never travel in a policy`;
      const found = secretProblem(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
