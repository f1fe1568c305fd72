import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { StoredPhone } from '../../preload/schemas/contact';

/** E-mails match case-insensitively and ignoring surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A phone number (already trimmed) in E.164 for a default region, or null when it is not a possible number. */
export type E164Parser = (trimmed: string, defaultRegion: string) => string | null;

export const parseE164: E164Parser = (trimmed, defaultRegion) => {
  try {
    const parsed = parsePhoneNumberFromString(trimmed, defaultRegion.toUpperCase() as CountryCode);
    return parsed && parsed.isPossible() ? parsed.number : null;
  } catch {
    return null; // unparseable input is kept as typed
  }
};

/**
 * parseE164 remembering its answers, for bulk work (an import) where the same
 * numbers recur: a switchboard, or the same file imported again. parseE164 is
 * a pure function of its two arguments, so a cached answer is always the one
 * it would give. At most `limit` answers are kept; then it starts over.
 */
export function cachedE164Parser(limit = 50_000): E164Parser {
  const known = new Map<string, string | null>();
  return (trimmed, defaultRegion) => {
    const key = `${defaultRegion}\u0000${trimmed}`;
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const e164 = parseE164(trimmed, defaultRegion);
    if (known.size >= limit) known.clear();
    known.set(key, e164);
    return e164;
  };
}

/**
 * Parses a typed phone number to E.164 using the default region for numbers
 * written without a country code. The raw text is always kept: the user's
 * formatting is theirs, E.164 is only for matching and for CRMs.
 */
export function normalizePhone(raw: string, defaultRegion: string, label?: string, e164Of: E164Parser = parseE164): StoredPhone {
  const trimmed = raw.trim();
  const e164 = e164Of(trimmed, defaultRegion);
  return label === undefined ? { raw: trimmed, e164 } : { raw: trimmed, e164, label };
}

export function identityKey(firstName: string, lastName: string, company: string, phones: StoredPhone[]): string | null {
  const name = `${firstName} ${lastName}`.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!name) return null;
  const phone = phones.find((p) => p.e164)?.e164 ?? phones[0]?.raw.replace(/\D/g, '') ?? '';
  return `${name}|${company.trim().toLowerCase()}|${phone}`;
}
