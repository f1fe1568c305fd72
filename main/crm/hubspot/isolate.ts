import { isRecordLevel } from './errors';
import { HubSpotHttpError } from './transport';

/**
 * Finding the bad records of a batch HubSpot refused as a whole.
 *
 * HubSpot validates a batch all-or-nothing: one invalid e-mail refuses all 100
 * contacts. The refused batch is first searched for the records HubSpot's error
 * names (the value in "Email address bob@ is invalid", the input index of a
 * duplicate, the value of a unique-property conflict); those are rejected at once
 * and the rest is sent again. Only when the error names nobody is the batch split
 * in halves, recursively, down to the single records that fail on their own.
 *
 * Cost for k bad records in a batch of n: 1 + (rounds HubSpot needs to name them
 * all) calls when the error names them, usually 2; at most about 2·k·log2(n)
 * extra calls when bisecting.
 *
 * Invariant: every entry gets exactly one result, and an entry is only rejected
 * when HubSpot named its own value or refused it alone.
 */
export interface IsolationPlan<T, R> {
  /** one request for these entries; resolves with one result per entry */
  send(entries: T[]): Promise<R[]>;
  /** results for the entries HubSpot's error names (empty when it names none) */
  named(error: HubSpotHttpError, entries: T[]): Map<T, R>;
  /** the result for one entry HubSpot refused on its own (may try it once another way) */
  alone(entry: T, error: HubSpotHttpError): Promise<R>;
}

export async function sendIsolating<T, R>(entries: T[], plan: IsolationPlan<T, R>): Promise<R[]> {
  if (entries.length === 0) return [];
  try {
    return await plan.send(entries);
  } catch (error) {
    if (!(error instanceof HubSpotHttpError) || !isRecordLevel(error)) throw error;
    const [only] = entries;
    if (entries.length === 1 && only !== undefined) return [await plan.alone(only, error)];
    const named = plan.named(error, entries);
    if (named.size > 0) {
      const rest = entries.filter((e) => !named.has(e));
      return [...named.values(), ...(await sendIsolating(rest, plan))];
    }
    const mid = Math.ceil(entries.length / 2);
    const first = await sendIsolating(entries.slice(0, mid), plan);
    const second = await sendIsolating(entries.slice(mid), plan);
    return [...first, ...second];
  }
}
