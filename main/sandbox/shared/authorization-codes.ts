import { createHash } from 'node:crypto';
import { randomToken } from './ids';

/** What every authorization code remembers from its authorize request; each CRM adds its own fields (scopes). */
export interface PendingCode {
  clientId: string;
  /** the token request must repeat it exactly */
  redirectUri: string;
  /** the S256 PKCE challenge; undefined only for a confidential client that sent none */
  codeChallenge: string | undefined;
  expiresAt: number;
}

/** Outstanding authorization codes. Invariant: a code is redeemable once; taking it removes it, accepted or not. */
export class AuthorizationCodes<C extends PendingCode> {
  private readonly codes = new Map<string, C>();

  /** `prefix` makes the codes look like the CRM's own */
  constructor(private readonly prefix: string) {}

  issue(code: C): string {
    const value = randomToken(this.prefix);
    this.codes.set(value, code);
    return value;
  }

  take(value: string): C | undefined {
    const found = this.codes.get(value);
    this.codes.delete(value);
    return found;
  }

  clear(): void {
    this.codes.clear();
  }
}

/** Why a token request's code was refused; each CRM words the error its own way. */
export type CodeProblem = 'invalid-code' | 'redirect-uri-mismatch' | 'invalid-verifier';

const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

/**
 * Redeems the `code` of an `authorization_code` token request from `clientId`,
 * checking in this order: the code exists, is this client's and has not
 * expired; `redirect_uri` matches exactly; `code_verifier` hashes (S256) to the
 * challenge. The code is spent even when refused, so a guess cannot be retried.
 */
export function redeemCode<C extends PendingCode>(codes: AuthorizationCodes<C>, form: URLSearchParams, clientId: string, now: number): { code: C } | { problem: CodeProblem } {
  const code = codes.take(form.get('code') ?? '');
  if (!code || code.clientId !== clientId || now >= code.expiresAt) return { problem: 'invalid-code' };
  if (form.get('redirect_uri') !== code.redirectUri) return { problem: 'redirect-uri-mismatch' };
  if (code.codeChallenge !== undefined) {
    const verifier = form.get('code_verifier');
    if (!verifier || s256(verifier) !== code.codeChallenge) return { problem: 'invalid-verifier' };
  }
  return { code };
}
