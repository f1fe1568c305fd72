import { createHash, randomBytes } from 'node:crypto';

/**
 * PKCE (RFC 7636, S256) and the anti-CSRF `state`. The verifier is 64 base64url
 * characters (48 random bytes): inside the 43–128 range the RFC requires.
 */
interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export function createPkcePair(random: (size: number) => Buffer = randomBytes): PkcePair {
  const verifier = random(48).toString('base64url');
  return { verifier, challenge: s256(verifier), method: 'S256' };
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createState(random: (size: number) => Buffer = randomBytes): string {
  return random(24).toString('base64url');
}
