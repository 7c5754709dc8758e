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
