import { RollingWindowCounter } from '../shared/rolling-window';

/** Zapier's documented catch hook limits: about 30 requests/s per hook, 10,000 per 5 minutes per user. */
export interface ZapierLimitSettings {
  perHookPerSecond: number;
  perUserPerFiveMinutes: number;
}

export const defaultZapierLimits: ZapierLimitSettings = { perHookPerSecond: 30, perUserPerFiveMinutes: 10_000 };
const FIVE_MINUTES_MS = 5 * 60_000;

type ZapierLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; which: 'hook' | 'user' };

/**
 * One rolling window per hook and one per account (the user). Refused requests
 * are not counted, so a sender that backs off gets through as soon as there is room.
 */
export class ZapierLimits {
  private readonly hooks = new Map<string, RollingWindowCounter>();
  private readonly users = new Map<string, RollingWindowCounter>();

  constructor(private settings: ZapierLimitSettings) {}

  current(): ZapierLimitSettings {
    return { ...this.settings };
  }

  set(next: Partial<ZapierLimitSettings>): void {
    this.settings = { ...this.settings, ...next };
    for (const w of this.hooks.values()) w.setMax(this.settings.perHookPerSecond);
    for (const w of this.users.values()) w.setMax(this.settings.perUserPerFiveMinutes);
  }

  reset(): void {
    this.hooks.clear();
    this.users.clear();
  }

  admit(account: string, hook: string, now: number): ZapierLimitDecision {
    const user = this.window(this.users, account, FIVE_MINUTES_MS, this.settings.perUserPerFiveMinutes);
    const perHook = this.window(this.hooks, `${account}/${hook}`, 1_000, this.settings.perHookPerSecond);
    const userState = user.peek(now);
    if (userState.remaining <= 0) return { allowed: false, retryAfterSeconds: secondsUntil(userState.resetAtMs, now), which: 'user' };
    const decision = perHook.tryTake(now);
    if (!decision.allowed) return { allowed: false, retryAfterSeconds: secondsUntil(decision.resetAtMs, now), which: 'hook' };
    user.tryTake(now);
    return { allowed: true };
  }

  private window(map: Map<string, RollingWindowCounter>, key: string, windowMs: number, max: number): RollingWindowCounter {
    let w = map.get(key);
    if (!w) {
      w = new RollingWindowCounter(windowMs, max);
      map.set(key, w);
    }
    return w;
  }
}

function secondsUntil(atMs: number, now: number): number {
  return Math.max(1, Math.ceil((atMs - now) / 1000));
}
