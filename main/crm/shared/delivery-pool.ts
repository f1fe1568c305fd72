/**
 * Runs `send` for each job with at most `concurrency` in flight, in order of
 * start. On the first failure no further job starts; the ones in flight are
 * awaited (their requests are real and their slots must be released) and then
 * the first failure is thrown. Results keep the order of `jobs`.
 */
export async function runPool<J, R>(jobs: readonly J[], concurrency: number, send: (job: J) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(jobs.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < jobs.length) {
      const index = next++;
      try {
        results[index] = await send(jobs[index] as J);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const width = Math.max(1, Math.min(concurrency, jobs.length));
  await Promise.all(Array.from({ length: width }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}
