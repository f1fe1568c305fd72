import { RollingWindowCounter } from '../shared/rolling-window';
import { tooManyConcurrent, tooManyRequests, tooMuchExecutionTime, type DataverseError } from './wire';

/**
 * Dataverse's service protection limits, per user (here: per access token), as
 * "Service protection API limits" (learn.microsoft.com/power-apps/developer/
 * data-platform/api-limits) states them for one web server:
 * - 6,000 requests in a 5-minute sliding window; a `$batch` is ONE request ("A batch
 *   can contain up to 1000 operations and will avoid the number of requests limit");
 * - 20 minutes (1,200,000 ms) of combined execution time in the same window; a
 *   batch's time is the sum of its operations' ("you will need to be prepared for
 *   the execution time limit");
 * - 52 concurrent requests, refused at once when exceeded.
 * Each refusal is a 429 with Retry-After in seconds and its documented code.
 */
export interface LimitSettings {
  windowMs: number;
  requests: number;
  executionMs: number;
  concurrent: number;
  /**
   * Execution time charged per operation on top of what the sandbox really spent
   * (default 0): a real server spends milliseconds per write, this one microseconds.
   */
  executionMsPerOperation: number;
}

export const DEFAULT_LIMITS: LimitSettings = { windowMs: 300_000, requests: 6_000, executionMs: 1_200_000, concurrent: 52, executionMsPerOperation: 0 };

interface UserLimits {
  requests: RollingWindowCounter;
  /** (when, ms) of each served request, oldest first */
  execution: Array<{ at: number; ms: number }>;
  inFlight: number;
}

export class ServiceProtection {
  private users = new Map<string, UserLimits>();

  constructor(public settings: LimitSettings = { ...DEFAULT_LIMITS }) {}

  private user(token: string): UserLimits {
    let u = this.users.get(token);
    if (!u) {
      u = { requests: new RollingWindowCounter(this.settings.windowMs, this.settings.requests), execution: [], inFlight: 0 };
      this.users.set(token, u);
    }
    return u;
  }

  private executionUsed(u: UserLimits, now: number): number {
    const cutoff = now - this.settings.windowMs;
    while (u.execution.length > 0 && u.execution[0]!.at <= cutoff) u.execution.shift();
    return u.execution.reduce((sum, e) => sum + e.ms, 0);
  }

  /** Counts a request that arrived; a refusal when a limit is exceeded (the request is then not served). */
  admit(token: string, now: number): DataverseError | undefined {
    const u = this.user(token);
    if (u.inFlight > this.settings.concurrent) return tooManyConcurrent(1);
    if (this.executionUsed(u, now) > this.settings.executionMs) {
      const oldest = u.execution[0]?.at ?? now;
      return tooMuchExecutionTime(Math.max(1, Math.ceil((oldest + this.settings.windowMs - now) / 1000)));
    }
    const decision = u.requests.tryTake(now);
    if (!decision.allowed) return tooManyRequests(Math.max(1, Math.ceil((decision.resetAtMs - now) / 1000)));
    return undefined;
  }

  started(token: string): void {
    this.user(token).inFlight += 1;
  }

  finished(token: string): void {
    const u = this.user(token);
    u.inFlight = Math.max(0, u.inFlight - 1);
  }

  /** Charges a served request's execution time: what it took, plus the modelled time of its operations. */
  charge(token: string, now: number, tookMs: number, operations: number): void {
    this.user(token).execution.push({ at: now, ms: tookMs + operations * this.settings.executionMsPerOperation });
  }

  /** What the debugging headers say (api-limits, "HTTP Response headers"). */
  headers(token: string, now: number): Record<string, string> {
    const u = this.user(token);
    return {
      'x-ms-ratelimit-burst-remaining-xrm-requests': String(u.requests.peek(now).remaining),
      'x-ms-ratelimit-time-remaining-xrm-requests': String(Math.max(0, this.settings.executionMs - this.executionUsed(u, now))),
    };
  }

  configure(settings: Partial<LimitSettings>): void {
    this.settings = { ...this.settings, ...settings };
    this.users.clear();
  }

  reset(): void {
    this.users.clear();
  }
}
