import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { forEachLimited } from '#functions/concurrency';

/** BatchWriteItem takes at most 25 items per request. */
const batchSize = 25;

/**
 * Puts many items into one table: batches of 25, a few in flight at once, unprocessed items
 * (throttling) retried with backoff until every item is written. Puts are whole-item writes with
 * deterministic keys, so running the same load twice leaves the same table.
 */
export async function putAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  options: { concurrency?: number; onProgress?: (written: number) => void } = {},
): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize));
  let written = 0;
  await forEachLimited(batches, options.concurrency ?? 8, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 25 * 2 ** Math.min(attempt, 6)));
      if (attempt > 10) throw new Error(`BatchWriteItem kept leaving items unprocessed in ${tableName}`);
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
    written += batch.length;
    options.onProgress?.(written);
  });
}
