import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Phone facts shared by main and the screens: the countries a default phone
 * region may be (libphonenumber's own list, so every choice can parse), and
 * whether a typed number reads as a real number there.
 */

export interface PhoneRegion {
  /** ISO 3166 two-letter code, e.g. DE */
  code: string;
  /** the country's name in the user's language, e.g. Germany */
  name: string;
  /** e.g. +49 */
  callingCode: string;
}

/** Every region libphonenumber knows, named in `locale`, sorted by name. */
export function phoneRegions(locale?: string): PhoneRegion[] {
  const names = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' });
  return getCountries()
    .map((code) => ({ code, name: names.of(code) ?? code, callingCode: `+${getCountryCallingCode(code)}` }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

export function isPhoneRegion(code: string): boolean {
  return (getCountries() as string[]).includes(code);
}

/**
 * A sentence when a typed number is not a valid number (for the region when
 * it has no +country code), else null. Saving is still allowed: the rep's
 * text is kept as typed; this only warns.
 */
export function phoneWarning(raw: string, region: string, regionName: string): string | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  try {
    const parsed = parsePhoneNumberFromString(trimmed, region.toUpperCase() as CountryCode);
    if (parsed?.isValid()) return null;
  } catch {
    // not a number at all: the warning below says so
  }
  return trimmed.startsWith('+')
    ? `"${trimmed}" is not a valid phone number. Check the digits after the country code.`
    : `"${trimmed}" is not a valid phone number in ${regionName}. Check it, or start it with + and the country code.`;
}
