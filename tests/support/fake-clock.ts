import type { Clock } from '../../main/clock';

/** A clock whose sleeps return at once and move time forward: tests never wait for real. */
export class FakeClock implements Clock {
  slept = 0;
  constructor(public time = Date.UTC(2026, 10, 24, 9, 0, 0)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    this.time += Math.max(0, ms);
    this.slept += Math.max(0, ms);
  }
}
