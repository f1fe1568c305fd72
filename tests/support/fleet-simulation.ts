import { RollingWindowCounter } from '../../main/sandbox/shared/rolling-window';
import { RateLimiter } from '../../main/sync/rate-limiter';
import { seededRandom, VirtualClock } from './virtual-clock';

export interface FleetScenario {
  laptops: number;
  /** accepted calls each laptop must make */
  calls: number;
  /** the portal's window: `limit` requests per `windowMs` */
  limit: number;
  windowMs: number;
  /** when each laptop starts, ms after the first */
  startMs: (i: number, random: () => number) => number;
  /** one request's round trip, ms */
  latencyMs: (random: () => number) => number;
  /**
   * the part of a round trip before the portal counts the request, in [0, 1]; default half.
   * Loaded machines are lopsided: a request queued in the sender's or the portal's event loop
   * is counted late, an answer waiting for a busy laptop is read late.
   */
  wayOutShare?: (random: () => number) => number;
  /**
   * what a laptop does between an answer and its next request, ms (saving what the CRM said,
   * planning the next batch); default none. In bench:fleet's trace (load 8–13) a laptop's answers
   * came p25 12 ms, p50 60 ms, p75 364 ms, p90 989 ms apart while it had slots: an upsert's
   * association call follows at once, the next batch after its contacts are saved.
   */
  thinkMs?: (random: () => number) => number;
  /**
   * each laptop's own speed: a factor on its work between calls, drawn once per laptop; default 1.
   * Twenty agents on a loaded machine do not get the same CPU: in bench:fleet the first laptop
   * ended at 22 s and the last at 52–58 s with the same 23 calls each.
   */
  paceOf?: (i: number, random: () => number) => number;
  /**
   * how long each laptop is starved of CPU after it starts, ms; default none. Twenty agents turning
   * Automatic on at once on two cores do not all get going together: in bench:fleet's traces most
   * laptops' first round trips took 0.2–0.7 s and a few 1–4 s. Within that span each round trip is
   * stretched by up to what is left of it.
   */
  startupMs?: (i: number, random: () => number) => number;
  /** requests one laptop has on their way at once; default 1 */
  concurrency?: number;
  seed: number;
}

export interface FleetResult {
  requests: number;
  accepted: number;
  refused: number;
  /** first request to last answer, ms */
  elapsedMs: number;
  /** the time `accepted` calls need at the limit's rate, over elapsedMs */
  boundRatio: number;
  /** the most accepted requests any window held */
  busiestWindow: number;
  finishMs: number[];
  /** when each refused request reached the portal, ms after the first request */
  refusedAt: number[];
  /** when each accepted request reached the portal, ms after the first request */
  acceptedAt: number[];
}

/**
 * Laptops, each with its own RateLimiter, against one simulated portal that
 * counts the whole account in one rolling window and answers each request with
 * what remains of it (HubSpot's X-HubSpot-RateLimit-* headers). A refused
 * request is answered 429 with nothing remaining and sent again after the
 * limiter's wait, as the engine does.
 */
export async function simulateFleet(s: FleetScenario): Promise<FleetResult> {
  const clock = new VirtualClock();
  const random = seededRandom(s.seed);
  const portal = new RollingWindowCounter(s.windowMs, s.limit);
  const start = clock.now();
  const arrivals: number[] = [];
  let requests = 0;
  let refused = 0;
  let first = Infinity;
  let last = 0;
  const finishMs: number[] = [];
  const refusedAt: number[] = [];

  const laptop = async (i: number): Promise<void> => {
    const limiter = new RateLimiter({ requests: s.limit, perMs: s.windowMs }, clock, { random });
    const pace = s.paceOf?.(i, random) ?? 1;
    const startup = s.startupMs?.(i, random) ?? 0;
    await clock.sleep(s.startMs(i, random));
    const startedAt = clock.now();
    let left = s.calls;
    // `concurrency` requests of one laptop at a time (the engine's batches; HubSpot's capability is 1)
    const worker = async (): Promise<void> => {
      while (left > 0) {
        left--;
        await limiter.acquire();
        const rtt = roundTrip(s, random, startup - (clock.now() - startedAt));
        const wayOut = rtt * (s.wayOutShare?.(random) ?? 0.5);
        await clock.sleep(wayOut);
        first = Math.min(first, clock.now());
        const decision = portal.tryTake(clock.now());
        requests++;
        if (decision.allowed) arrivals.push(clock.now());
        await clock.sleep(rtt - wayOut);
        limiter.release();
        limiter.observe({ remaining: decision.remaining, limit: s.limit, intervalMs: s.windowMs });
        if (!decision.allowed) {
          refused++;
          refusedAt.push(clock.now() - start);
          limiter.penalize(2_000);
          left++;
        }
        if (s.thinkMs && left > 0) await clock.sleep(pace * s.thinkMs(random));
      }
    };
    await Promise.all(Array.from({ length: s.concurrency ?? 1 }, worker));
    last = Math.max(last, clock.now());
    finishMs.push(clock.now() - start);
  };

  await clock.run(Promise.all(Array.from({ length: s.laptops }, (_, i) => laptop(i))));
  const accepted = arrivals.length;
  const elapsedMs = last - first;
  return {
    requests,
    accepted,
    refused,
    elapsedMs,
    boundRatio: (accepted * s.windowMs) / s.limit / elapsedMs,
    busiestWindow: busiest(arrivals, s.windowMs),
    finishMs,
    refusedAt,
    acceptedAt: arrivals.map((t) => t - first),
  };
}

/** One round trip: the scenario's, stretched by up to `starvedFor` while the laptop is still starting. */
export function roundTrip(s: FleetScenario, random: () => number, starvedFor: number): number {
  const rtt = s.latencyMs(random);
  return starvedFor > 0 ? rtt + random() * starvedFor : rtt;
}

function busiest(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j]! - sorted[i]! >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}
