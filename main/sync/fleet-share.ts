/**
 * One laptop's share of an account's request window that the whole team's
 * laptops draw on, computed from what the CRM says on each answer — no server,
 * no talking between laptops. Pure, so the rule is tested on its own and in a
 * simulated fleet (tests/unit/fleet-pacing.test.ts).
 *
 * The budget is a number of slots: a slot is one of this laptop's requests
 * that the CRM's rolling window still counts (rate-limiter.ts frees it one
 * window after the CRM counted it, and the laptop reuses it at once). A fleet
 * that only reuses its slots sends the window it already had, shifted by one
 * window, so it never passes what the window held; the rule below decides
 * only when a laptop takes one slot more and when it gives one back.
 */

/** Part of the window the fleet leaves free: room for a laptop that just started (its first request knows nothing yet). */
const FLEET_RESERVE = 0.05;

export interface FleetReading {
  /** the window's limit (X-HubSpot-RateLimit-Max) */
  limit: number;
  /** what the CRM says remains of it after this request (X-HubSpot-RateLimit-Remaining), for the whole account */
  remaining: number;
  /** this laptop's slots: its requests in flight or counted less than a window ago */
  mine: number;
  /**
   * the account's requests that may land between this reading and this
   * laptop's next request: the other laptops' requests already on their way
   * (rate-limiter.ts estimates them from the fleet's arrival rate and this
   * laptop's round trip, with a margin)
   */
  onTheirWay: number;
  /** true when a slot may be given back (at most once a window, so one burst of readings is not taken for many) */
  mayCut: boolean;
  /** uniform in [0, 1): which laptops give a slot back when the window is over the target */
  random: number;
}

interface FleetDecision {
  budget: number;
  /** the window held only this laptop's requests: no one to share it with */
  alone: boolean;
  cut: boolean;
}

/** Requests per window the fleet leaves free: 5 of 100, 10 of 190, 13 of 250; at least one. */
export function fleetReserve(limit: number): number {
  return Math.max(1, Math.ceil(limit * FLEET_RESERVE));
}

/**
 * This laptop's slots after one answer. `fleet` is what the account's window
 * holds (limit − remaining); `target` is the limit less the reserve.
 * - Alone (the window holds only its requests): the whole target.
 * - Room (the fleet plus what is already on its way stays within the target):
 *   one slot more than it holds, so every sending laptop grows by one a round
 *   trip, a newcomer as fast as the others, until the window is full.
 * - Full: it keeps the slots it holds and reuses them.
 * - Over the target: the fleet gives back what passes it. Each laptop gives
 *   back one slot with probability mine × (fleet − target) / fleet, so the
 *   expected total is the excess and laptops holding more give back more
 *   (a multiplicative decrease; growth is additive, so shares converge).
 */
export function fleetShare(r: FleetReading): FleetDecision {
  const reserve = fleetReserve(r.limit);
  const target = Math.max(1, r.limit - reserve);
  const mine = Math.max(1, r.mine);
  const fleet = Math.max(mine, r.limit - Math.max(0, r.remaining));
  if (fleet <= mine) return { budget: target, alone: true, cut: false };
  if (fleet + r.onTheirWay < target) return { budget: Math.min(target, mine + 1), alone: false, cut: false };
  if (fleet <= target || !r.mayCut) return { budget: mine, alone: false, cut: false };
  const expected = (mine * (fleet - target)) / fleet;
  const cut = Math.floor(expected) + (r.random < expected - Math.floor(expected) ? 1 : 0);
  return { budget: Math.max(1, mine - cut), alone: false, cut: cut > 0 };
}
