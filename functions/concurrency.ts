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
 * The first failure stops the workers taking items and rejects once the tasks in flight have
 * settled, so a failed run has no writes still landing after it reports (a resumed job, or a
 * test reading the state, sees all of it).
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
  const outcomes = await Promise.allSettled(Array.from({ length: limit }, worker));
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
}

/** The items of a stream in groups of `size` (the last one smaller), as they arrive. */
export async function* inGroups<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let group: T[] = [];
  for await (const item of items) {
    group.push(item);
    if (group.length === size) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}

/**
 * Spaces calls at least `intervalMs` apart (a sender's share of the configured SMS rate): each
 * call waits until its slot. One pacer per process (a Lambda instance handles one batch at a time).
 */
export function pacer(intervalMs: number, now: () => number = () => Date.now(), sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): () => Promise<void> {
  let next = 0;
  return async () => {
    const at = now();
    const slot = Math.max(at, next);
    next = slot + intervalMs;
    if (slot > at) await sleep(slot - at);
  };
}
