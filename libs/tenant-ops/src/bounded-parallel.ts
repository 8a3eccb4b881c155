/**
 * Runs `work` over `items` with at most `concurrency` in flight, pulling the next item only when a
 * worker is free: a long tenant list is never held in memory. `work` must not throw (it reports).
 */
export async function forEachBounded<T>(items: AsyncIterable<T>, concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  // Async generators queue concurrent next() calls, so workers can share one iterator.
  const worker = async () => {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
