/**
 * Runs `task` for every item with at most `limit` in flight, and waits for all of them. The first
 * failure rejects (the other tasks already started finish on their own). Used wherever a job or
 * a store writes many items: DynamoDB requests are independent, and a bounded number in flight
 * keeps a busy table (or DynamoDB Local) from being flooded.
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Like `forEachLimited`, for items that arrive a page at a time: `limit` workers take items from
 * `items` as they come, so no worker waits for a page's slowest item before the next page starts.
 * The first failure rejects and the workers stop taking items.
 */
export async function forEachLimitedStream<T>(items: AsyncIterable<T>, limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  let failed = false;
  const worker = async () => {
    // An async generator queues concurrent `next()` calls, so each item goes to one worker.
    for (let next = await iterator.next(); !next.done && !failed; next = await iterator.next()) {
      try {
        await task(next.value);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}
