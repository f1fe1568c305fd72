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
 *
 * The 10-second window is the account's (per app per portal: every laptop of a
 * team that signed in to the same app shares it; HubSpot's "API usage
 * guidelines and limits"). The search limit is per authentication token: "rate
 * limit … per second and per authentication token" (HubSpot Developer
 * Changelog, "CRM Search API Rate Limit Increase"), so reps who each signed in
 * do not draw on each other's searches, and laptops sharing one token do.
 */
export class HubSpotLimits {
  private readonly tenSecondly: RollingWindowCounter;
  /** one per-second window per access token that searched */
  private readonly searchSecondly = new Map<string, RollingWindowCounter>();
  private searchPerSecond: number;
  private readonly daily: DailyQuota;

  constructor(settings: LimitSettings) {
    this.tenSecondly = new RollingWindowCounter(tenSecondsMs, settings.rateLimit);
    this.searchPerSecond = settings.searchPerSecond;
    this.daily = new DailyQuota(settings.dailyLimit, PORTAL_TIME_ZONE);
  }

  set(settings: Partial<LimitSettings>): void {
    if (settings.rateLimit !== undefined) this.tenSecondly.setMax(settings.rateLimit);
    if (settings.dailyLimit !== undefined) this.daily.setMax(settings.dailyLimit);
    if (settings.searchPerSecond !== undefined) {
      this.searchPerSecond = settings.searchPerSecond;
      for (const window of this.searchSecondly.values()) window.setMax(settings.searchPerSecond);
    }
  }

  current(): LimitSettings {
    return { rateLimit: this.tenSecondly.max, dailyLimit: this.daily.max, searchPerSecond: this.searchPerSecond };
  }

  reset(): void {
    this.tenSecondly.reset();
    this.searchSecondly.clear();
    this.daily.reset();
  }

  /**
   * Counts one request or throws HubSpot's 429; returns the headers for the
   * answer. `token`: the access token that sent it (searches are limited per token).
   */
  admit(budget: 'standard' | 'search', now: number, token = ''): Record<string, string> {
    const window = budget === 'search' ? this.searchWindow(token) : this.tenSecondly;
    if (this.daily.remaining(now) <= 0) throw rateLimited('DAILY', this.headers(budget, now));
    const decision = window.tryTake(now);
    if (!decision.allowed) throw rateLimited(budget === 'search' ? 'SECONDLY' : 'TEN_SECONDLY_ROLLING', this.headers(budget, now));
    this.daily.tryTake(now);
    return this.headers(budget, now);
  }

  private searchWindow(token: string): RollingWindowCounter {
    let window = this.searchSecondly.get(token);
    if (!window) {
      window = new RollingWindowCounter(1_000, this.searchPerSecond);
      this.searchSecondly.set(token, window);
    }
    return window;
  }

  /**
   * HubSpot's X-HubSpot-RateLimit-* headers; search answers carry only the daily pair.
   * HubSpot's "API usage guidelines and limits": `-Interval-Milliseconds` is "the window of
   * time that the X-HubSpot-RateLimit-Max and X-HubSpot-RateLimit-Remaining headers apply to",
   * `-Remaining` what is "still allowed" in it; its 429 names the policy TEN_SECONDLY_ROLLING,
   * a rolling window, which is what `tenSecondly` counts. Remaining is read after this
   * request was counted, for the whole account (every token of the app).
   */
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
