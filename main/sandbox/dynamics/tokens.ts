/**
 * The access tokens the sandbox accepts. A token can be made to expire (or be
 * revoked), after which Dataverse answers 401 until a new one is used.
 */
export class Tokens {
  private accepted = new Set<string>();
  private expired = new Set<string>();

  register(token: string): void {
    this.accepted.add(token);
    this.expired.delete(token);
  }

  valid(token: string): boolean {
    return this.accepted.has(token) && !this.expired.has(token);
  }

  /** every token accepted so far stops working (as at expiry or revocation) */
  expireAll(): void {
    for (const t of this.accepted) this.expired.add(t);
  }
}
