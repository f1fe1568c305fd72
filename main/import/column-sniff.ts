import { isEmailAddress } from './email-address';

/**
 * Content sniffing for a column whose header no table knows ("Kontakt",
 * "Handy", an empty header): when most of its values are e-mail addresses, or
 * phone numbers, it is read as such, and the report says the column was
 * guessed. "Most" is four in five of the non-empty samples, so one stray note
 * does not hide an e-mail column, and a column of notes that mention an
 * address now and then is not taken for one.
 */
type SniffedKind = 'email' | 'phone';

const SHARE = 0.8;

/** Digits with the punctuation phones are written with; 7 to 15 digits (ITU-T E.164 allows at most 15). */
function looksLikePhone(text: string): boolean {
  if (!/^\+?[\d\s().\-/]+$/.test(text)) return false;
  // Dates and times are digits and punctuation too.
  if (/^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^\d{1,2}:\d{2}/.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

export function sniffColumn(samples: readonly string[]): SniffedKind | null {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) return null;
  const share = (test: (v: string) => boolean): number => values.filter(test).length / values.length;
  if (share(isEmailAddress) >= SHARE) return 'email';
  if (share(looksLikePhone) >= SHARE) return 'phone';
  return null;
}
