import type { Clock } from '../clock';
import { fleetShare } from './fleet-share';

/** Longest announced window adopted as a pace (longer ones are quotas, e.g. Salesforce's 24 h). */
const MAX_ADOPTED_WINDOW_MS = 60_000;

/** The most a 429's wait is stretched at random, so laptops refused together do not come back together. */
const PENALTY_JITTER = 0.25;
/** weight of the newest round trip in the smoothed one */
const ROUND_TRIP_WEIGHT = 0.3;
/** The fleet's arrival rate is measured over this many of our request cycles (fewer readings are too noisy). */
const RATE_SPAN = 2;
/**
 * What is on its way is estimated as rate × request cycle, from a handful of
 * readings; it is doubled so that the estimate's noise does not carry the fleet
 * past the limit (fleet-simulation at 150–1,700 ms round trips: 1.5 still drew
 * 429s, 2 none; tests/bench/fleet-simulation.bench.ts).
 */
const IN_FLIGHT_MARGIN = 2;
/** A pause between an answer and the next request longer than this part of the window is idleness, not work between calls. */
const THINK_SAMPLE_MAX = 0.25;

export interface RateLimit {
  requests: number;
  perMs: number;
}

interface RateLimiterOptions {
  /** jitter of waits after a 429, and which laptops give a slot back; default Math.random */
  random?: () => number;
}

/**
 * Keeps a connection just under its CRM's request limit instead of bouncing off it,
 * and shares that limit politely with every other laptop on the same account.
 *
 * Invariant: a slot is held from the moment a request is sent until one
 * window after the CRM counted it. Reusing a freed slot at once keeps every
 * window the CRM measures at what the first one held. Alone, the count is
 * taken at the middle of the round trip (the CRM counts a request when it
 * arrives), a guess whose error the target's reserve absorbs; sharing the
 * window with other laptops, at the answer, the latest it can have been, so a
 * reused slot never overlaps the request it replaces.
 *
 * The limit is what the CRM announces when it does: HubSpot sends
 * `X-HubSpot-RateLimit-Max` and `-Interval-Milliseconds` with every answer (190 per
 * 10 s on Professional and Enterprise, 250 with the API limit increase; HubSpot's
 * "API usage guidelines and limits"), so the configured limit is only the pace
 * until the first answer. Only short windows (a minute or less) are adopted: a
 * daily allocation is a quota, handled by the engine's headroom, not a pace.
 *
 * Fleet-aware pacing, without a server: an account's limit is shared by every
 * laptop of the team (HubSpot counts the ten-second limit "per app per portal"),
 * and `X-HubSpot-RateLimit-Remaining` is the one state they all see. From each
 * answer that carries the limit, its window and what remains, the limiter sets
 * its number of slots (fleet-share.ts): one more while the window, with what
 * the fleet already has on its way (its arrival rate over one request cycle of
 * this laptop: the work between an answer and the next call, then the round
 * trip), stays under a target that leaves a reserve
 * free; the same while it is full; one fewer now and then when it is over. A
 * 429 still cuts the budget by 10 % and blocks for the CRM's wait, stretched at
 * random by up to PENALTY_JITTER. A laptop alone takes the whole target.
 */
export class RateLimiter {
  private budget: number;
  /** when each request still in flight was sent, oldest first */
  private inFlightSince: number[] = [];
  /** when the CRM most likely counted each of our requests answered less than a window ago (see `release`), oldest first */
  private released: number[] = [];
  private blockedUntil = 0;
  /** when a 429 last lowered the budget: `recover` counts windows from here */
  private lastDecreaseAt = 0;
  private limit: RateLimit;
  /** true once the CRM has told the fleet's usage: the share rule then sets the budget, not `recover` */
  private sharing = false;
  /** when the CRM counted our last answered request (best guess), and that request's round trip */
  private lastCountedAt = 0;
  private lastRoundTrip = 0;
  /** the readings of the account's window over the last RATE_SPAN round trips: when each was counted, and what it held */
  private readings: { at: number; fleet: number }[] = [];
  /** this laptop's round trip, smoothed */
  private roundTrip = 0;
  /** when this laptop's last answer arrived, and its time from an answer to its next request (saving, planning), smoothed */
  private answeredAt = -Infinity;
  private think = 0;
  private thinkSamples = 0;
  /** when this laptop last gave a slot back (at most once a window) */
  private cutAt = -Infinity;
  private readonly random: () => number;

  constructor(limit: RateLimit, private readonly clock: Clock, options: RateLimiterOptions = {}) {
    this.limit = { ...limit };
    this.budget = Math.max(1, limit.requests);
    this.random = options.random ?? Math.random;
  }

  /** The limit in force: the configured one, or what the CRM last announced. */
  get currentLimit(): RateLimit {
    return { ...this.limit };
  }

  get currentBudget(): number {
    return this.budget;
  }

  /** How long the next request would have to wait right now (0 = go). */
  waitTime(): number {
    const now = this.clock.now();
    this.prune(now);
    this.recover(now);
    const blocked = Math.max(0, this.blockedUntil - now);
    if (this.used() < this.budget) return Math.ceil(blocked);
    // Full: the slot that frees the budget is the (used - budget + 1)-th oldest; with everything in flight, poll briefly.
    const freeing = this.released[this.used() - Math.ceil(this.budget)];
    const untilFree = freeing === undefined ? 25 : freeing + this.limit.perMs - now;
    return Math.ceil(Math.max(blocked, untilFree, 1));
  }

  /** Waits for a slot and takes it. Every acquire must be followed by one release. */
  async acquire(signal?: AbortSignal): Promise<void> {
    this.noteThink();
    for (;;) {
      const wait = this.waitTime();
      if (wait === 0) break;
      await this.clock.sleep(wait, signal);
    }
    this.inFlightSince.push(this.clock.now());
  }

  /** The response (or failure) of an acquired request has arrived. */
  release(): void {
    const sentAt = this.inFlightSince.shift();
    if (sentAt === undefined) return;
    const now = this.clock.now();
    // The CRM counted it between sending and answer; the middle of the round trip is the best guess
    // (a reading that shows other laptops in the window moves it to the answer: see `share`).
    const countedAt = sentAt + (now - sentAt) / 2;
    this.answeredAt = now;
    this.lastCountedAt = countedAt;
    this.lastRoundTrip = now - sentAt;
    let i = this.released.length;
    while (i > 0 && this.released[i - 1]! > countedAt) i--;
    this.released.splice(i, 0, countedAt);
  }

  /** Releases slots of requests that failed without reporting their response. */
  settleInFlight(): void {
    while (this.inFlightSince.length > 0) this.release();
  }

  /**
   * The CRM said 429: wait what it asked (or a full window), stretched by up to
   * PENALTY_JITTER at random so laptops refused together spread out, and lower the pace.
   */
  penalize(retryAfterMs?: number): void {
    const now = this.clock.now();
    const wait = retryAfterMs ?? this.limit.perMs;
    this.blockedUntil = Math.max(this.blockedUntil, now + Math.round(wait * (1 + PENALTY_JITTER * this.random())));
    this.budget = Math.max(1, Math.floor(this.budget * 0.9));
    // recovery counts full windows from the end of the block
    this.lastDecreaseAt = this.blockedUntil;
  }

  /**
   * What the CRM's quota headers say. With the limit, its window and what
   * remains of it (HubSpot's three X-HubSpot-RateLimit headers), the budget
   * becomes this laptop's share of the fleet's (see the class comment).
   * "Nothing remains" while our own count says otherwise means someone else
   * shares the account's limit: wait until our oldest slot frees (the CRM's
   * window moves on at the same pace), not a whole interval — when we are the
   * only client that wait is already ours.
   */
  observe(info: { remaining?: number; limit?: number; intervalMs?: number }): void {
    this.adopt(info.limit, info.intervalMs);
    const now = this.clock.now();
    if (info.remaining !== undefined && info.limit !== undefined && info.limit === this.limit.requests && info.intervalMs === this.limit.perMs) {
      this.share({ limit: info.limit, remaining: info.remaining }, now);
    }
    if (info.remaining === undefined || info.remaining > 0) return;
    this.prune(now);
    const oldest = this.released[0];
    const untilOldestFrees = oldest === undefined ? info.intervalMs ?? this.limit.perMs : oldest + this.limit.perMs - now;
    this.blockedUntil = Math.max(this.blockedUntil, now + Math.max(0, untilOldestFrees));
  }

  /** This laptop's slots, from one answer's count of the shared window. */
  private share(reading: { limit: number; remaining: number }, now: number): void {
    this.sharing = true;
    this.prune(now);
    const fleet = reading.limit - Math.max(0, reading.remaining);
    const at = this.lastCountedAt;
    this.roundTrip = this.roundTrip === 0 ? this.lastRoundTrip : this.roundTrip + ROUND_TRIP_WEIGHT * (this.lastRoundTrip - this.roundTrip);
    // From one reading to the request it leads to: the work before our next call, then its way out and back.
    // Every laptop that read the same room sends within that span, so it is the horizon of what is on its way.
    const cycle = this.roundTrip + this.think;
    // The fleet's arrival rate: the window's average, or more while it fills (measured over the last RATE_SPAN
    // cycles, from the lowest reading of that span: the window falls as old requests leave it, and what arrives
    // meanwhile is at least what it rose since its low. Measured from before the fall, a window refilling as an
    // old burst left it (87 → 100 in 0.15 s) read as no arrivals, and fast laptops grew into a 429.)
    while (this.readings.length > 1 && this.readings[1]!.at <= at - RATE_SPAN * cycle) this.readings.shift();
    let rate = fleet / this.limit.perMs;
    const low = this.readings.reduce<{ at: number; fleet: number } | undefined>((lowest, r) => (lowest === undefined || r.fleet < lowest.fleet ? r : lowest), undefined);
    if (low && at > low.at && at - low.at < this.limit.perMs) rate = Math.max(rate, (fleet - low.fleet) / (at - low.at));
    this.readings.push({ at, fleet });
    const next = fleetShare({
      ...reading, mine: this.used(), onTheirWay: IN_FLIGHT_MARGIN * rate * cycle,
      mayCut: now - this.cutAt >= this.limit.perMs, random: this.random(),
    });
    if (next.cut) this.cutAt = now;
    if (!next.alone) this.holdUntilAnswerWindow(at, now);
    this.budget = next.budget;
  }

  /**
   * Takes the CRM's announced window as the limit. A budget that a 429 lowered
   * stays lowered (it recovers towards the new limit); an unlowered one follows it.
   */
  private adopt(requests: number | undefined, perMs: number | undefined): void {
    if (requests === undefined || perMs === undefined) return;
    if (!Number.isInteger(requests) || requests < 1 || !Number.isFinite(perMs) || perMs <= 0 || perMs > MAX_ADOPTED_WINDOW_MS) return;
    if (requests === this.limit.requests && perMs === this.limit.perMs) return;
    const lowered = this.budget < this.limit.requests;
    this.limit = { requests, perMs };
    this.budget = lowered ? Math.min(this.budget, requests) : requests;
  }

  /**
   * Sharing the window, the slot of the request just answered is held until a window after its
   * answer, the latest the CRM can have counted it, rather than after the middle of its round trip:
   * its reuse then never lands in the same window as the request it replaces, however lopsided the
   * round trip was (a loaded laptop reads its answer late, a busy CRM counts late), and the few
   * requests the fleet's window has above the target are the fleet's growth, which the reserve is for.
   * Alone, the middle stays: a laptop alone keeps its pace.
   */
  private holdUntilAnswerWindow(countedAt: number, answeredAt: number): void {
    const i = this.released.lastIndexOf(countedAt);
    if (i < 0) return;
    this.released.splice(i, 1);
    let j = this.released.length;
    while (j > 0 && this.released[j - 1]! > answeredAt) j--;
    this.released.splice(j, 0, answeredAt);
  }

  /**
   * The time from our last answer to this request: the caller's work between calls. Only a
   * request that follows an answer with nothing else in flight is a sample; a long pause is idleness.
   */
  private noteThink(): void {
    if (this.inFlightSince.length > 0 || !Number.isFinite(this.answeredAt)) return;
    const think = this.clock.now() - this.answeredAt;
    if (think > THINK_SAMPLE_MAX * this.limit.perMs) return;
    this.think = this.thinkSamples++ === 0 ? think : this.think + ROUND_TRIP_WEIGHT * (think - this.think);
  }

  /** our requests the CRM may still count: in flight, or answered less than a window ago */
  private used(): number {
    return this.inFlightSince.length + this.released.length;
  }

  private prune(now: number): void {
    const cutoff = now - this.limit.perMs;
    let i = 0;
    while (i < this.released.length && this.released[i]! <= cutoff) i++;
    if (i > 0) this.released.splice(0, i);
  }

  /** After a 429, each full window without another restores one request, up to the limit. */
  private recover(now: number): void {
    if (this.sharing || this.budget >= this.limit.requests) return;
    const windows = Math.floor((now - this.lastDecreaseAt) / this.limit.perMs);
    if (windows > 0) {
      this.budget = Math.min(this.limit.requests, this.budget + windows);
      this.lastDecreaseAt = now;
    }
  }
}
