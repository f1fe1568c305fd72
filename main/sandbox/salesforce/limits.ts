import { RollingWindowCounter } from '../shared/rolling-window';
import { requestLimitExceeded } from './errors';

/** Salesforce's daily API request allocation: org-wide, rolling over 24 hours. */
export const DAY_MS = 86_400_000;
export const DEFAULT_DAILY_LIMIT = 100_000;

export class DailyAllocation {
  private readonly window: RollingWindowCounter;

  constructor(limit: number) {
    this.window = new RollingWindowCounter(DAY_MS, limit);
  }

  get limit(): number {
    return this.window.max;
  }

  setLimit(limit: number): void {
    this.window.setMax(limit);
  }

  used(now: number): number {
    return this.window.peek(now).used;
  }

  /** Counts one API request or throws 403 REQUEST_LIMIT_EXCEEDED (refused requests are not counted). */
  admit(now: number): void {
    const decision = this.window.tryTake(now);
    if (!decision.allowed) throw requestLimitExceeded(decision.used, this.window.max);
  }

  /** The header Salesforce puts on every REST response. */
  header(now: number): Record<string, string> {
    return { 'sforce-limit-info': `api-usage=${this.used(now)}/${this.window.max}` };
  }

  /** Makes `used` requests count now (other integrations of the org); refused beyond the limit. */
  setUsed(used: number, now: number): void {
    if (!Number.isInteger(used) || used < 0) throw new RangeError('api usage is a whole number of requests');
    this.window.reset();
    for (let i = 0; i < used && this.window.tryTake(now).allowed; i++);
  }

  reset(): void {
    this.window.reset();
  }
}
