import { useSyncExternalStore } from 'react';
import { formatDateTime, formatRelative } from '../lib/format';

/** One shared clock for every relative time on screen, ticking twice a minute while anything listens. */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const TICK_MS = 30_000;

function tick(): void {
  now = Date.now();
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    timer = setInterval(tick, TICK_MS);
    // The clock slept while nothing listened: bring it up to date at once.
    if (Date.now() - now > 1_000) queueMicrotask(tick);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) { clearInterval(timer); timer = undefined; }
  };
}

export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/** "5 minutes ago", with the exact date and time on hover (title) and for machines (datetime). */
export function RelativeTime({ ms, testId }: { ms: number; testId?: string }) {
  const current = useNow();
  const exact = formatDateTime(ms);
  return <time dateTime={new Date(ms).toISOString()} title={exact} data-testid={testId}>{formatRelative(ms, current)}</time>;
}
