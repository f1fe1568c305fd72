import { z } from 'zod';
import { mappingSchema } from '../../preload/schemas/mapping';
import { CONNECTION_KINDS, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, SYNC_MODES } from '../../preload/schemas/connection';
import { secretProblem } from './policy-secrets';
import { contactFilterSchema } from '../filters/filter-schema';

/**
 * The policy an admin writes (README, "Teams and admin policy"). Every key is
 * optional and locks what it names; what it does not name stays the rep's to
 * choose. Strict: a key Ferry does not know is a mistake in the policy, and a
 * mistaken policy locks everything rather than nothing (policy-state.ts).
 */
export const POLICY_FORMAT = 'ferry-policy';
export const POLICY_VERSION = 1;

const connectionPolicySchema = z.object({
  /** locks the sync mode (and, for scheduled, the interval) */
  mode: z.enum(SYNC_MODES).optional(),
  intervalMinutes: z.number().int().min(MIN_INTERVAL_MINUTES).max(MAX_INTERVAL_MINUTES).optional(),
  /** locks the field mapping (preload/schemas/mapping.ts; the Mapping screen and `ferry mapping` refuse changes) */
  mapping: mappingSchema.optional(),
  /** locks which contacts are sent (main/filters: tags, fields, created or changed after) */
  filter: contactFilterSchema.optional(),
  /** false: reps may not disconnect this CRM */
  allowDisconnect: z.boolean().optional(),
}).strict().refine((c) => c.mode !== 'scheduled' || c.intervalMinutes !== undefined, {
  message: 'scheduled mode needs intervalMinutes',
  path: ['intervalMinutes'],
}).refine((c) => c.intervalMinutes === undefined || c.mode === 'scheduled', {
  message: 'intervalMinutes goes with mode "scheduled"',
  path: ['intervalMinutes'],
});

export const policySchema = z.object({
  format: z.literal(POLICY_FORMAT),
  version: z.literal(POLICY_VERSION),
  /** the CRMs reps may connect; absent: any */
  destinations: z.array(z.enum(CONNECTION_KINDS)).max(CONNECTION_KINDS.length).optional(),
  connections: z.partialRecord(z.enum(CONNECTION_KINDS), connectionPolicySchema).optional(),
  /** locks the daily allocation's headroom (sync/allocation.ts) */
  allocationStopPercent: z.number().int().min(1).max(100).optional(),
}).strict();

export type Policy = z.infer<typeof policySchema>;

type ParsedPolicy = { ok: true; policy: Policy } | { ok: false; reason: string };

/**
 * Reads a policy from its JSON value. Secrets never travel in a policy: one
 * that holds anything secret-looking is refused whole, before its shape is
 * even looked at (the reason names where, never the value).
 */
export function parsePolicyValue(raw: unknown): ParsedPolicy {
  const secret = secretProblem(raw);
  if (secret) return { ok: false, reason: secret };
  const parsed = policySchema.safeParse(raw);
  if (parsed.success) return { ok: true, policy: parsed.data };
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? `its setting ${first.path.join('.')} is wrong` : 'it is not in the policy format Ferry reads';
  return { ok: false, reason: `${where} (${first?.message ?? 'unknown problem'})` };
}

export function parsePolicyText(text: string): ParsedPolicy {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, reason: 'it is not valid JSON' };
  }
  return parsePolicyValue(raw);
}
