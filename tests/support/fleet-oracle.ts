import { RollingWindowCounter } from '../../main/sandbox/shared/rolling-window';
import { roundTrip, type FleetScenario } from './fleet-simulation';
import { seededRandom, VirtualClock } from './virtual-clock';

/**
 * What a fleet could reach if every laptop saw the portal's window exactly (no
 * server could give them that): each request waits, unrefused, until the
 * window has room at the moment it arrives, laptops served first come first.
 * With `byWork`, a laptop with more calls left goes first when room appears.
 * A reference for the bench, not a pacing: the bound ratio a real limiter can
 * hope for at the scenario's round trips and starts.
 */
export async function oracleBoundRatio(s: FleetScenario, byWork = false): Promise<number> {
  const clock = new VirtualClock();
  const random = seededRandom(s.seed);
  const portal = new RollingWindowCounter(s.windowMs, s.limit);
  let first = Infinity;
  let last = 0;
  const laptop = async (i: number): Promise<void> => {
    const pace = s.paceOf?.(i, random) ?? 1;
    const startup = s.startupMs?.(i, random) ?? 0;
    await clock.sleep(s.startMs(i, random));
    const startedAt = clock.now();
    for (let done = 0; done < s.calls; done++) {
      const rtt = roundTrip(s, random, startup - (clock.now() - startedAt));
      await clock.sleep(rtt / 2);
      for (;;) {
        const decision = portal.tryTake(clock.now());
        if (decision.allowed) break;
        // the next departure; the laptop with the most left takes it first when byWork
        await clock.sleep(Math.max(1, decision.resetAtMs - clock.now()) + (byWork ? done : 0));
      }
      first = Math.min(first, clock.now());
      await clock.sleep(rtt / 2);
      if (s.thinkMs && done < s.calls - 1) await clock.sleep(pace * s.thinkMs(random));
    }
    last = Math.max(last, clock.now());
  };
  await clock.run(Promise.all(Array.from({ length: s.laptops }, (_, i) => laptop(i))));
  return (s.laptops * s.calls * s.windowMs) / s.limit / (last - first);
}
