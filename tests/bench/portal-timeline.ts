// What the portal saw, second by second: the part of bench:fleet that does not depend on how
// fast this machine ran the laptops. Times are when the sandbox admitted each request (its rate
// limit counts it then; main/sandbox/shared/request-log.ts).
import type { LoggedRequest } from '../../main/sandbox/shared/request-log';

export interface PortalTimeline {
  /** admitted requests in each consecutive window from the first request (the last one may be partial) */
  perWindow: number[];
  /** refusals (429) in each of those windows */
  refusedPerWindow: number[];
  /** whole seconds between the first and the last admitted request in which the portal admitted nothing */
  idleSeconds: number;
  /**
   * how full the rolling window was on average, sampled every 100 ms from the first request to
   * the last: 1 means the fleet kept the portal at its limit the whole time
   */
  meanFill: number;
  /** the most accepted requests any rolling window held */
  busiest: number;
  /** seconds from the first request until a rolling window first held 90 % of the limit */
  rampSeconds: number | null;
  /** seconds from the last moment a rolling window held 90 % of the limit to the last request */
  tailSeconds: number | null;
  /** one line per second: admitted (.) and refused (x) */
  perSecond: string[];
}

const FULL = 0.9;

export function portalTimeline(requests: LoggedRequest[], limit: number, windowMs: number): PortalTimeline {
  const accepted = requests.filter((r) => r.status !== 429 && r.status !== 0).map((r) => r.at).sort((a, b) => a - b);
  const all = requests.map((r) => r.at);
  const first = Math.min(...all);
  const last = Math.max(...accepted);
  const windows = Math.max(1, Math.ceil((last - first + 1) / windowMs));
  const perWindow = Array.from({ length: windows }, () => 0);
  const refusedPerWindow = Array.from({ length: windows }, () => 0);
  for (const r of requests) {
    if (r.status === 0) continue;
    const w = Math.min(windows - 1, Math.floor((r.at - first) / windowMs));
    if (r.status === 429) refusedPerWindow[w]! += 1;
    else perWindow[w]! += 1;
  }

  const seconds = Math.floor((last - first) / 1000) + 1;
  const marks = Array.from({ length: seconds }, () => '');
  for (const r of [...requests].sort((a, b) => a.at - b.at)) {
    const s = Math.floor((r.at - first) / 1000);
    if (s < seconds && r.status !== 0) marks[s] += r.status === 429 ? 'x' : '.';
  }
  const idleSeconds = marks.filter((m) => !m.includes('.')).length;

  // the rolling window's count at each 100 ms step (two pointers over the sorted admissions)
  let fillSum = 0;
  let samples = 0;
  let ramp: number | null = null;
  let lastFull: number | null = null;
  let lo = 0;
  let hi = 0;
  for (let t = first; t <= last; t += 100) {
    while (hi < accepted.length && accepted[hi]! <= t) hi++;
    while (lo < hi && accepted[lo]! <= t - windowMs) lo++;
    const held = hi - lo;
    fillSum += Math.min(1, held / limit);
    samples++;
    if (held >= FULL * limit) {
      ramp ??= t - first;
      lastFull = t;
    }
  }

  let busiest = 0;
  for (let i = 0, j = 0; j < accepted.length; j++) {
    while (accepted[j]! - accepted[i]! >= windowMs) i++;
    busiest = Math.max(busiest, j - i + 1);
  }

  return {
    perWindow, refusedPerWindow, idleSeconds,
    meanFill: samples === 0 ? 0 : fillSum / samples,
    busiest,
    rampSeconds: ramp === null ? null : ramp / 1000,
    tailSeconds: lastFull === null ? null : (last - lastFull) / 1000,
    perSecond: marks.map((m, s) => `${String(s).padStart(3)} s ${m}`),
  };
}

/** The 429s: when, on which route. */
export function refusals(requests: LoggedRequest[]): string[] {
  const first = Math.min(...requests.map((r) => r.at));
  return requests.filter((r) => r.status === 429).map((r) => `${((r.at - first) / 1000).toFixed(2)} s ${r.route}`);
}
