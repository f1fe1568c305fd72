import type { Clock } from '../../main/clock';

/**
 * Virtual time for many concurrent tasks: a sleep is a timer, and `run` fires
 * the timers in time order, letting every task react (all pending promise
 * callbacks settle) before time moves on. Nothing waits for real, so a test of
 * minutes of traffic takes milliseconds and never depends on machine speed.
 */
export class VirtualClock implements Clock {
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;

  constructor(public time = Date.UTC(2026, 10, 24, 9, 0, 0)) {}

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve) => {
      this.timers.push({ at: this.time + Math.max(0, ms), seq: this.seq++, resolve });
    });
  }

  /** Fires timers until `work` settles; throws when nothing is scheduled and `work` still waits (a deadlock). */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(() => { settled = true; }, () => { settled = true; });
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (settled) return work;
      if (this.timers.length === 0) throw new Error('VirtualClock: the work waits for something no timer will bring');
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
  }
}

/** A small seeded random source (mulberry32): the same seed, the same run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
