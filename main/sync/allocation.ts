/**
 * A CRM's daily API allocation, which the whole org (every laptop, and the
 * org's other integrations) draws on: Salesforce's `Sforce-Limit-Info:
 * api-usage=USED/LIMIT` on every answer (org-wide, over a rolling 24 hours),
 * HubSpot's `X-HubSpot-RateLimit-Daily` / `-Daily-Remaining` (per account; absent
 * for OAuth apps). Ferry leaves headroom: once the org has used `stopAtPercent`
 * of it, automatic and scheduled pushes wait; a person's Sync now still sends,
 * with a warning.
 */

export interface AllocationReading {
  used: number;
  limit: number;
  /** when the CRM said so */
  at: number;
}

/** Default headroom: stop automatic and scheduled pushes when the org has used 90 % of its allocation. */
export const DEFAULT_ALLOCATION_STOP_PERCENT = 90;

/**
 * How long a reading over the line holds automatic pushes back. Salesforce's
 * allocation is counted over the last 24 hours, so usage falls as old requests
 * age out; after this long one batch is sent again, and its answer says
 * whether there is room now (it costs one call, never more, per wait).
 */
export const ALLOCATION_RECHECK_MS = 30 * 60_000;

function percentUsed(r: Pick<AllocationReading, 'used' | 'limit'>): number {
  return r.limit > 0 ? (r.used * 100) / r.limit : 0;
}

/** True when the reading is at or over the line. */
export function overHeadroom(r: Pick<AllocationReading, 'used' | 'limit'> | undefined, stopAtPercent: number): boolean {
  return r !== undefined && r.limit > 0 && percentUsed(r) >= stopAtPercent;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** "Salesforce org has used 9,012 of its 10,000 daily API requests (90 %)" — the numbers, for the card and `ferry status`. */
export function allocationLine(crmName: string, r: Pick<AllocationReading, 'used' | 'limit'>): string {
  const where = crmName === 'Salesforce' ? 'org' : 'account';
  return `Your ${crmName} ${where} has used ${count(r.used)} of its ${count(r.limit)} daily API requests (${Math.floor(percentUsed(r))} %).`;
}

/** What the headroom means for this reading, after the numbers (the card and `ferry status`). */
export function allocationAdvice(r: Pick<AllocationReading, 'used' | 'limit'>, stopAtPercent: number): string {
  return overHeadroom(r, stopAtPercent)
    ? `Automatic and scheduled syncs wait (they stop at ${stopAtPercent} %); Sync now still sends.`
    : `Automatic and scheduled syncs stop at ${stopAtPercent} %.`;
}

/** The one sentence for automatic and scheduled syncs held at the headroom. */
export function allocationHoldSentence(crmName: string, r: Pick<AllocationReading, 'used' | 'limit'>, stopAtPercent: number): string {
  return `${allocationLine(crmName, r)} Ferry holds automatic and scheduled syncs at ${stopAtPercent} % so the rest stays for the team's other tools; Sync now still sends.`;
}

/** The warning a person's Sync now carries when it went past the line. */
export function allocationWarning(crmName: string, r: Pick<AllocationReading, 'used' | 'limit'>, stopAtPercent: number): string {
  return `${allocationLine(crmName, r)} That is past the ${stopAtPercent} % Ferry keeps for the team's other tools; automatic and scheduled syncs wait until it falls.`;
}
