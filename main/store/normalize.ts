import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { StoredPhone } from '../../preload/schemas/contact';

/** E-mails match case-insensitively and ignoring surrounding space. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Parses a typed phone number to E.164 using the default region for numbers
 * written without a country code. The raw text is always kept: the user's
 * formatting is theirs, E.164 is only for matching and for CRMs.
 */
export function normalizePhone(raw: string, defaultRegion: string, label?: string): StoredPhone {
  const trimmed = raw.trim();
  let e164: string | null = null;
  try {
    const parsed = parsePhoneNumberFromString(trimmed, defaultRegion.toUpperCase() as CountryCode);
    if (parsed && parsed.isPossible()) e164 = parsed.number;
  } catch {
    e164 = null; // unparseable input is kept as typed
  }
  return label === undefined ? { raw: trimmed, e164 } : { raw: trimmed, e164, label };
}

export function identityKey(firstName: string, lastName: string, company: string, phones: StoredPhone[]): string | null {
  const name = `${firstName} ${lastName}`.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!name) return null;
  const phone = phones.find((p) => p.e164)?.e164 ?? phones[0]?.raw.replace(/\D/g, '') ?? '';
  return `${name}|${company.trim().toLowerCase()}|${phone}`;
}
