import { DailyQuota, RollingWindowCounter } from '../shared/rolling-window';
import { rateLimited } from './errors';

export interface LimitSettings {
  /** requests per rolling 10 s (HubSpot private apps on Free/Starter: 100) */
  rateLimit: number;
  /** requests per day (Free/Starter: 250,000) */
  dailyLimit: number;
  /** search requests per second (HubSpot: about 5) */
  searchPerSecond: number;
}

/** The sandbox portal's time zone (account-info `timeZone`); its daily quota resets at midnight there. */
export const PORTAL_TIME_ZONE = 'US/Eastern';

export const defaultLimits: LimitSettings = { rateLimit: 100, dailyLimit: 250_000, searchPerSecond: 5 };
const tenSecondsMs = 10_000;

/**
 * The account's rate limits. Refused requests are not counted, so a client that
 * backs off recovers as soon as the window has room. Search draws on its own
 * per-second budget and the daily quota, not on the 10-second window.
 */
export class HubSpotLimits {
  private readonly tenSecondly: RollingWindowCounter;
  private readonly searchSecondly: RollingWindowCounter;
  private readonly daily: DailyQuota;

  constructor(settings: LimitSettings) {
    this.tenSecondly = new RollingWindowCounter(tenSecondsMs, settings.rateLimit);
    this.searchSecondly = new RollingWindowCounter(1_000, settings.searchPerSecond);
    this.daily = new DailyQuota(settings.dailyLimit, PORTAL_TIME_ZONE);
  }

  set(settings: Partial<LimitSettings>): void {
    if (settings.rateLimit !== undefined) this.tenSecondly.setMax(settings.rateLimit);
    if (settings.dailyLimit !== undefined) this.daily.setMax(settings.dailyLimit);
    if (settings.searchPerSecond !== undefined) this.searchSecondly.setMax(settings.searchPerSecond);
  }

  current(): LimitSettings {
    return { rateLimit: this.tenSecondly.max, dailyLimit: this.daily.max, searchPerSecond: this.searchSecondly.max };
  }

  reset(): void {
    this.tenSecondly.reset();
    this.searchSecondly.reset();
    this.daily.reset();
  }

  /** Counts one request or throws HubSpot's 429; returns the headers for the answer. */
  admit(budget: 'standard' | 'search', now: number): Record<string, string> {
    const window = budget === 'search' ? this.searchSecondly : this.tenSecondly;
    if (this.daily.remaining(now) <= 0) throw rateLimited('DAILY', this.headers(budget, now));
    const decision = window.tryTake(now);
    if (!decision.allowed) throw rateLimited(budget === 'search' ? 'SECONDLY' : 'TEN_SECONDLY_ROLLING', this.headers(budget, now));
    this.daily.tryTake(now);
    return this.headers(budget, now);
  }

  /** HubSpot's X-HubSpot-RateLimit-* headers; search answers carry only the daily pair. */
  headers(budget: 'standard' | 'search', now: number): Record<string, string> {
    const headers: Record<string, string> = {
      'x-hubspot-ratelimit-daily': String(this.daily.max),
      'x-hubspot-ratelimit-daily-remaining': String(this.daily.remaining(now)),
    };
    if (budget === 'standard') {
      const w = this.tenSecondly.peek(now);
      headers['x-hubspot-ratelimit-max'] = String(this.tenSecondly.max);
      headers['x-hubspot-ratelimit-remaining'] = String(w.remaining);
      headers['x-hubspot-ratelimit-interval-milliseconds'] = String(tenSecondsMs);
    }
    return headers;
  }
}
