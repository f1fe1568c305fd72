import { randomBytes, randomUUID } from 'node:crypto';

export function correlationId(): string {
  return randomUUID();
}

/** An unguessable token-ish string: `prefix` + 32 hex characters. */
export function randomToken(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}
