import { describe, expect, it } from 'vitest';
import { QuitGuard } from '../../main/shell/quit-guard';

describe('quit guard', () => {
  it('holds the first quit until shutdown finished, then lets quit through once', async () => {
    let release!: () => void;
    const shutdowns: number[] = [];
    const guard = new QuitGuard(() => { shutdowns.push(1); return new Promise<void>((r) => { release = r; }); }, (e) => { throw e; });
    let quitCalls = 0;
    expect(guard.onQuitRequested(() => quitCalls++)).toBe(true);
    expect(guard.quitting).toBe(true);
    expect(guard.onQuitRequested(() => quitCalls++)).toBe(true); // a second Quit while stopping waits too
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(quitCalls).toBe(1);
    expect(guard.onQuitRequested(() => quitCalls++)).toBe(false);
    expect(shutdowns).toHaveLength(1);
  });

  it('still quits when shutdown fails, and reports why', async () => {
    const errors: unknown[] = [];
    const guard = new QuitGuard(() => Promise.reject(new Error('db locked')), (e) => errors.push(e));
    let quit = false;
    guard.onQuitRequested(() => { quit = true; });
    await new Promise((r) => setTimeout(r, 0));
    expect(quit).toBe(true);
    expect(errors).toHaveLength(1);
  });
});
