import { RollingWindowCounter } from '../shared/rolling-window';

/**
 * Pipedrive's token-based rate limits (pipedrive.readme.io/docs/core-api-concepts-rate-limiting,
 * for every company since 2025-12-31):
 * - a daily budget per company of 30,000 tokens × plan multiplier (Lite 1,
 *   Growth 2, Premium 5, Ultimate 7) × seats, shared by every user and app,
 *   reset at midnight server time (UTC here); when it is spent every request is
 *   refused with 429 until the reset;
 * - each request costs tokens by kind: get one 2, list 20, update one 10,
 *   delete one 6, search 40 (the page lists "some" costs; creating is costed
 *   like an update here, and v2's lower costs are not published per endpoint,
 *   so the sandbox charges the listed ones);
 * - burst limits per token over a rolling 2 seconds: API tokens 20/40/100/120,
 *   OAuth tokens 80/160/400/480 requests by plan; the Search API 10 per 2 s on
 *   every plan;
 * - headers x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset (the
 *   burst window) and, for API-token POST/PUT requests, x-daily-requests-left.
 */
export type Plan = 'lite' | 'growth' | 'premium' | 'ultimate';
export type Cost = 'get' | 'list' | 'update' | 'delete' | 'search';

export const PLAN_MULTIPLIER: Record<Plan, number> = { lite: 1, growth: 2, premium: 5, ultimate: 7 };
const API_TOKEN_BURST: Record<Plan, number> = { lite: 20, growth: 40, premium: 100, ultimate: 120 };
const OAUTH_BURST: Record<Plan, number> = { lite: 80, growth: 160, premium: 400, ultimate: 480 };
export const TOKEN_COST: Record<Cost, number> = { get: 2, list: 20, update: 10, delete: 6, search: 40 };
export const BASE_TOKENS = 30_000;
const WINDOW_MS = 2_000;
const SEARCH_BURST = 10;
/** the old POST/PUT fair-usage count behind x-daily-requests-left (changelog 2019-06-25) */
const DAILY_WRITES = 10_000;

export interface LimitSettings {
  plan: Plan;
  seats: number;
  /** overrides the plan's burst limits (both auth kinds) when set */
  burst?: number;
  /** overrides the Search API's 10 per 2 s when set */
  searchBurst?: number;
  /** overrides 30,000 × multiplier × seats when set */
  dailyBudget?: number;
}

export type LimitDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; why: 'burst' | 'budget'; retryAfterSeconds: number; headers: Record<string, string> };

const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export class PipedriveLimits {
  private settings: LimitSettings;
  private readonly windows = new Map<string, RollingWindowCounter>();
  private day = '';
  private spent = 0;
  private writes = 0;

  constructor(settings: LimitSettings) {
    this.settings = { ...settings };
  }

  set(settings: Partial<LimitSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.windows.clear();
  }

  current(): LimitSettings & { budget: number; spentToday: number } {
    return { ...this.settings, budget: this.budget(), spentToday: this.spent };
  }

  reset(): void {
    this.windows.clear();
    this.spent = 0;
    this.writes = 0;
  }

  budget(): number {
    return this.settings.dailyBudget ?? BASE_TOKENS * PLAN_MULTIPLIER[this.settings.plan] * this.settings.seats;
  }

  private burstMax(auth: 'api-token' | 'oauth', search: boolean): number {
    if (search) return this.settings.searchBurst ?? SEARCH_BURST;
    return this.settings.burst ?? (auth === 'oauth' ? OAUTH_BURST : API_TOKEN_BURST)[this.settings.plan];
  }

  private window(token: string, auth: 'api-token' | 'oauth', search: boolean): RollingWindowCounter {
    const key = `${search ? 'search' : 'api'}:${token}`;
    let w = this.windows.get(key);
    if (!w) this.windows.set(key, (w = new RollingWindowCounter(WINDOW_MS, this.burstMax(auth, search))));
    return w;
  }

  /** Counts one request of `cost` by `token`, or says why it is refused (a refused request costs nothing). */
  admit(o: { token: string; auth: 'api-token' | 'oauth'; cost: Cost; write: boolean; now: number }): LimitDecision {
    const today = dayOf(o.now);
    if (today !== this.day) {
      this.day = today;
      this.spent = 0;
      this.writes = 0;
    }
    const w = this.window(o.token, o.auth, o.cost === 'search');
    const headers = (): Record<string, string> => {
      const state = w.peek(o.now);
      const h: Record<string, string> = {
        'x-ratelimit-limit': String(w.max),
        'x-ratelimit-remaining': String(state.remaining),
        'x-ratelimit-reset': String(state.resetAtMs === 0 ? 0 : Math.max(1, Math.ceil((state.resetAtMs - o.now) / 1000))),
      };
      if (o.auth === 'api-token' && o.write) h['x-daily-requests-left'] = String(Math.max(0, DAILY_WRITES - this.writes));
      return h;
    };
    const cost = TOKEN_COST[o.cost];
    if (this.spent + cost > this.budget()) {
      const midnight = Date.parse(`${today}T00:00:00Z`) + 86_400_000;
      return { allowed: false, why: 'budget', retryAfterSeconds: Math.max(1, Math.ceil((midnight - o.now) / 1000)), headers: headers() };
    }
    const decision = w.tryTake(o.now);
    if (!decision.allowed) {
      return { allowed: false, why: 'burst', retryAfterSeconds: Math.max(1, Math.ceil((decision.resetAtMs - o.now) / 1000)), headers: headers() };
    }
    this.spent += cost;
    if (o.write) this.writes += 1;
    return { allowed: true, headers: headers() };
  }
}
