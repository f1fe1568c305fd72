/**
 * HubSpot's daily API limit "resets at midnight based on your time zone setting"
 * (HubSpot, "API usage guidelines and limits"): the portal's time zone, which
 * account-info reports as `timeZone` (e.g. "US/Eastern").
 */

function localClock(now: number, timeZone: string): { hour: number; minute: number; second: number } | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(now));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
    const clock = { hour: get('hour'), minute: get('minute'), second: get('second') };
    return Number.isFinite(clock.hour + clock.minute + clock.second) ? clock : undefined;
  } catch {
    // an unknown time zone name: the caller falls back to its default wait
    return undefined;
  }
}

/**
 * Milliseconds from `now` to the next midnight in `timeZone`, or undefined when the
 * zone is unknown. On a day the clocks change it can be off by that hour; the
 * next attempt simply meets the limit once more and waits again.
 */
export function msUntilMidnight(now: number, timeZone: string | undefined): number | undefined {
  if (!timeZone) return undefined;
  const clock = localClock(now, timeZone);
  if (!clock) return undefined;
  const elapsed = ((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000 + (((now % 1000) + 1000) % 1000);
  return 86_400_000 - elapsed;
}
