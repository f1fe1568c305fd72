import pLimit from 'p-limit';

/**
 * Runs `send` for each job with at most `concurrency` in flight, in order of
 * start. On the first failure no further job starts; the ones in flight are
 * awaited (their requests are real and their slots must be released) and then
 * the first failure is thrown. Results keep the order of `jobs`.
 */
export async function runPool<J, R>(jobs: readonly J[], concurrency: number, send: (job: J) => Promise<R>): Promise<R[]> {
  const limit = pLimit(Math.max(1, concurrency));
  let failure: { error: unknown } | undefined;
  const results = await Promise.all(jobs.map((job) => limit(async (): Promise<R | undefined> => {
    if (failure !== undefined) return undefined;
    try {
      return await send(job);
    } catch (error) {
      failure ??= { error };
      return undefined;
    }
  })));
  if (failure !== undefined) throw failure.error;
  return results as R[];
}
