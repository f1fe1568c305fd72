import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Mailchimp's one API limit: "Each user account is permitted up to 10
 * simultaneous connections", answered with 429 beyond it; it does not throttle
 * by volume (mailchimp.com/developer/marketing/docs/fundamentals/, "API limits").
 * A request holds a connection from arrival until its answer; `serviceMs` is how
 * long the sandbox takes to serve one, so that concurrency is real in tests.
 */
export class ConnectionLimit {
  private open = 0;
  private peakOpen = 0;

  constructor(private maxOpen = 10, private serveMs = 0) {}

  get max(): number { return this.maxOpen; }
  get serviceMs(): number { return this.serveMs; }
  /** the most connections that were open at once since the last reset */
  get peak(): number { return this.peakOpen; }

  setMax(n: number): void {
    if (!Number.isInteger(n) || n < 1) throw new RangeError('the connection limit is a whole number of at least 1');
    this.maxOpen = n;
  }

  setServiceMs(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0 || ms > 120_000) throw new RangeError('service time is 0 to 120000 ms');
    this.serveMs = ms;
  }

  reset(): void {
    this.peakOpen = 0;
  }

  /** Serves `run` on one connection, or returns false (→ 429) when the account has none free. */
  async hold<T>(run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (this.open >= this.maxOpen) return { ok: false };
    this.open++;
    this.peakOpen = Math.max(this.peakOpen, this.open);
    try {
      if (this.serveMs > 0) await sleep(this.serveMs);
      return { ok: true, value: await run() };
    } finally {
      this.open--;
    }
  }
}
