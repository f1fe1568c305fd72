/** Milliseconds since the epoch. Sandboxes take one so tests control time without sleeping. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** A clock that only moves when told to; for tests of rate windows and token expiry. */
export interface ManualClock {
  readonly now: Clock;
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function manualClock(startMs = Date.UTC(2025, 0, 6, 9, 0, 0)): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => { current += ms; },
    set: (epochMs) => { current = epochMs; },
  };
}
