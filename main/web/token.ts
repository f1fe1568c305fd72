import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret per launch: whoever has the page URL may use Ferry, nobody else on the machine. */
export function createLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so that their lengths
 * are equal and the comparison time reveals nothing about the expected token.
 */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

export type TokenCheck = 'ok' | 'missing' | 'wrong';

/** 401 when no token was sent, 403 when a wrong one was. */
export function checkToken(expected: string, url: { searchParams: URLSearchParams }): TokenCheck {
  const given = url.searchParams.get('token');
  if (given === null || given === '') return 'missing';
  return tokenMatches(expected, given) ? 'ok' : 'wrong';
}

/** The value of one cookie in a Cookie header, or null (the first one wins, as in browsers). */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
