import { zohoDailyCredits, ZOHO_EDITIONS, type ZohoEdition } from '../../../destinations/zoho';
import { RollingWindowCounter } from '../shared/rolling-window';
import { tooManyRequests } from './wire';

/**
 * The org's API limits, as Zoho CRM's "API Limits" page states them
 * (zoho.com/crm/developer/docs/api/v8/api-limits.html):
 * - credits per rolling 24-hour window, by edition and user licences; most calls
 *   cost 1 credit, an insert/update/upsert 1 per 10 records;
 * - concurrency: simultaneous active calls per org and app, by edition (Free 5,
 *   Standard 10, Professional 15, Enterprise 20, Ultimate 25);
 * both refused with 429 TOO_MANY_REQUESTS (status-codes.html), no Retry-After.
 * Once half the window's credits are used, answers carry X-API-CREDITS-REMAINING
 * (api-limits.html; unverified against a live org, so Ferry treats it as optional).
 */
export interface LimitSettings {
  edition: ZohoEdition;
  licences: number;
  /** credits per 24 h; default from edition and licences */
  credits: number;
  /** simultaneous calls; default from the edition */
  concurrency: number;
}

const DAY_MS = 86_400_000;

export function defaultLimits(edition: ZohoEdition = 'enterprise', licences = 10): LimitSettings {
  return { edition, licences, credits: zohoDailyCredits(edition, licences), concurrency: ZOHO_EDITIONS[edition].concurrency };
}

export class ZohoLimits {
  private settings: LimitSettings;
  private readonly credits: RollingWindowCounter;
  private inFlight = 0;
  /** the most calls that were ever served at once (tests and benchmarks read it) */
  peakInFlight = 0;
  /** the time all admitted calls held a concurrency slot, added up (benchmarks: average calls in flight) */
  slotMs = 0;

  constructor(settings: LimitSettings) {
    this.settings = settings;
    this.credits = new RollingWindowCounter(DAY_MS, settings.credits);
  }

  current(): LimitSettings & { inFlight: number; peakInFlight: number; slotMs: number } {
    return { ...this.settings, inFlight: this.inFlight, peakInFlight: this.peakInFlight, slotMs: Math.round(this.slotMs) };
  }

  set(next: Partial<LimitSettings>): void {
    const edition = next.edition ?? this.settings.edition;
    const licences = next.licences ?? this.settings.licences;
    const derived = next.edition !== undefined || next.licences !== undefined ? defaultLimits(edition, licences) : this.settings;
    this.settings = { edition, licences, credits: next.credits ?? derived.credits, concurrency: next.concurrency ?? derived.concurrency };
    this.credits.setMax(this.settings.credits);
  }

  reset(): void {
    this.credits.reset();
    this.inFlight = 0;
    this.peakInFlight = 0;
    this.slotMs = 0;
  }

  /**
   * Starts one call costing `cost` credits: 429 when the org's concurrency is
   * taken or the window's credits do not cover it (neither is then counted).
   * The caller must call the returned `leave` when the answer is sent.
   */
  enter(cost: number, now: number): { leave: () => void; headers: Record<string, string> } {
    if (this.inFlight >= this.settings.concurrency) throw tooManyRequests(this.headers(now));
    if (this.credits.peek(now).remaining < cost) throw tooManyRequests(this.headers(now));
    for (let i = 0; i < cost; i++) this.credits.tryTake(now);
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    const since = performance.now();
    let left = false;
    return {
      leave: () => {
        if (left) return;
        left = true;
        this.inFlight -= 1;
        this.slotMs += performance.now() - since;
      },
      headers: this.headers(now),
    };
  }

  /** X-API-CREDITS-REMAINING once half the credits are used; nothing before. */
  headers(now: number): Record<string, string> {
    const w = this.credits.peek(now);
    return w.used * 2 >= this.settings.credits ? { 'x-api-credits-remaining': String(w.remaining) } : {};
  }

  creditsUsed(now: number): number {
    return this.credits.peek(now).used;
  }
}
