import { z } from 'zod';

/**
 * Misbehaviour a sandbox can be told to show on its next requests:
 * - `status`: answer with this status instead of serving (5xx outage, 429 storm);
 * - `latency`: wait this long before serving;
 * - `drop`: destroy the socket with no answer, either `before` the request is
 *   served (nothing happened) or `after` (the write happened, the answer is lost —
 *   the case that tests idempotency).
 * `pathPrefix` limits a fault to matching paths; `count` is how many requests it hits;
 * `skip` lets that many matching requests through first, so the k-th call of a push
 * (say the third batch upsert of twenty) is the one refused.
 */
const common = {
  count: z.number().int().positive().default(1),
  skip: z.number().int().min(0).default(0),
  pathPrefix: z.string().startsWith('/').optional(),
};

export const faultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), status: z.number().int().min(400).max(599), html: z.boolean().optional(), ...common }).strict(),
  z.object({ kind: z.literal('latency'), ms: z.number().int().min(0).max(120_000), ...common }).strict(),
  z.object({ kind: z.literal('drop'), phase: z.enum(['before', 'after']).default('before'), ...common }).strict(),
]);

export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema>;

/** What the injector decided for one request. */
export interface FaultPlan {
  latencyMs: number;
  /** answer with this status instead of serving */
  status?: { status: number; html: boolean };
  /** destroy the socket (before or after serving) */
  drop?: 'before' | 'after';
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
  /** matching requests still let through before this fault hits */
  toSkip: number;
}

export class FaultInjector {
  private active: ActiveFault[] = [];

  add(input: FaultInput): Fault {
    const fault = faultSchema.parse(input);
    this.active.push({ fault, remaining: fault.count, toSkip: fault.skip });
    return fault;
  }

  clear(): void {
    this.active = [];
  }

  pending(): Array<Fault & { remaining: number }> {
    return this.active.map((a) => ({ ...a.fault, remaining: a.remaining }));
  }

  /**
   * Consumes the faults that hit a request to `path`: every matching latency fault
   * adds up; the first matching status or drop fault (in the order added) decides.
   */
  take(path: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0 };
    for (const entry of this.active) {
      const { fault } = entry;
      if (entry.remaining <= 0) continue;
      if (fault.pathPrefix !== undefined && !path.startsWith(fault.pathPrefix)) continue;
      if (entry.toSkip > 0) {
        entry.toSkip -= 1;
        continue;
      }
      if (fault.kind === 'latency') {
        plan.latencyMs += fault.ms;
        entry.remaining -= 1;
      } else if (!plan.status && !plan.drop) {
        if (fault.kind === 'status') plan.status = { status: fault.status, html: fault.html ?? false };
        else plan.drop = fault.phase;
        entry.remaining -= 1;
      }
    }
    this.active = this.active.filter((a) => a.remaining > 0);
    return plan;
  }
}
