/**
 * One laptop's share of an account's request window that the whole team's
 * laptops draw on, computed from what the CRM says on each answer — no server,
 * no talking between laptops. Pure, so the rule is tested on its own and in a
 * simulated fleet (tests/unit/fleet-pacing.test.ts).
 */

/** Part of the window the fleet leaves free: room for a laptop that just started (its first request knows nothing yet). */
const FLEET_RESERVE = 0.05;

export interface FleetReading {
  /** the window's limit (X-HubSpot-RateLimit-Max) */
  limit: number;
  /** what the CRM says remains of it after this request (X-HubSpot-RateLimit-Remaining), for the whole account */
  remaining: number;
  /** how many of this laptop's requests the window holds (sent less than a window ago) */
  mine: number;
  /** this laptop's pace, in requests per window (paceOf) */
  pace: number;
  /**
   * true while this laptop has been sending for less than a window: none of its
   * requests has left the window yet, so its count is exact (its pace is not)
   */
  starting: boolean;
  /** the budget in force */
  budget: number;
  /** true when GROW_EVERY of a window has passed since this laptop's budget last grew */
  mayGrow: boolean;
  /** the most the window held in this laptop's answers of the last window (limit − remaining) */
  peakFleet: number;
}

interface FleetDecision {
  budget: number;
  grew: boolean;
  /** the window held only this laptop's requests: no one to share it with, so nothing to spread for */
  alone?: boolean;
}

/** Requests per window the fleet leaves free: 5 of 100, 10 of 190, 13 of 250; at least one. */
export function fleetReserve(limit: number): number {
  return Math.max(1, Math.ceil(limit * FLEET_RESERVE));
}

/**
 * This laptop's next budget for the window, from one answer. `fleet` is what the
 * account's window holds (limit − remaining); `target` is the limit less the
 * reserve. A laptop alone (the window holds only its own requests) takes the
 * whole target; otherwise:
 * - Starting (its first window): the counts are exact and the window is filling,
 *   so it sends as fast as answers come while every laptop could still send one
 *   more without passing the target (laptops ≈ fleet / mine), and holds what it
 *   has once they could not.
 * - After that, its part is proportional: share = use × target / fleet, where use
 *   is its pace (the count read just after our own request is at its highest, the
 *   pace is not). Over the target (the remaining count fell into the reserve) the
 *   budget drops to that share at once: every laptop scales by the same factor,
 *   a multiplicative decrease that lands the fleet on the target. Under it, the
 *   budget grows to its share of the room, at most once every GROW_EVERY of a
 *   window (additive steps, each its part of the free requests), judged by the
 *   peak of the last windows so that a burst which left the window and is about
 *   to come back is not taken for room.
 * Requests are spread over the window at the budget's pace (rate-limiter.ts), so
 * the remaining count measures the fleet's use whatever moment it is read.
 */
export function fleetShare(r: FleetReading): FleetDecision {
  const reserve = fleetReserve(r.limit);
  const target = Math.max(1, r.limit - reserve);
  const mine = Math.max(1, r.mine);
  if (r.starting) {
    // Nothing has left the window since we started: the count is exact. Fill it while every laptop could send one more.
    const fleet = Math.max(mine, r.limit - Math.max(0, r.remaining));
    if (fleet <= mine) return { budget: target, grew: false, alone: true };
    const laptops = fleet / mine;
    return { budget: Math.min(target, fleet + laptops <= target ? mine + 1 : mine), grew: false };
  }
  const use = Math.max(0.5, Math.min(mine, r.pace));
  const fleet = Math.max(use, r.limit - Math.max(0, r.remaining) - mine + use);
  if (fleet <= use) return { budget: target, grew: false, alone: true };
  const share = (use * target) / fleet;
  if (fleet > target) return { budget: Math.max(1, Math.min(r.budget, share)), grew: false };
  // Room is judged by the last window's peak: a burst that left the window may be about to be sent again.
  const peak = Math.max(fleet, r.peakFleet - mine + use);
  const room = (use * target) / peak;
  if (!(r.mayGrow || peak < target / 2) || room <= r.budget) return { budget: r.budget, grew: false };
  return { budget: Math.min(target, room), grew: true };
}

/**
 * Requests per window, from the send times within the last window (oldest
 * first): the gaps between them, so a steady sender's pace is exact whatever
 * the moment it is read. One send gives one.
 */
export function paceOf(sentAt: readonly number[], windowMs: number): number {
  if (sentAt.length < 2) return sentAt.length;
  const span = sentAt[sentAt.length - 1]! - sentAt[0]!;
  return span > 0 ? ((sentAt.length - 1) * windowMs) / span : sentAt.length;
}
