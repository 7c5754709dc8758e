import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** BatchGetItem takes at most 100 keys per request. */
const batchLimit = 100;

/**
 * Reads items by key from one table, 100 keys a request, asking again for unprocessed keys
 * (throttling) with backoff. Missing items are simply absent from the result.
 */
export async function getAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, unknown>[],
  projection?: readonly string[],
  consistentRead = false,
): Promise<Record<string, unknown>[]> {
  const result: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += batchLimit) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + batchLimit);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 10) throw new Error(`BatchGetItem kept leaving keys unprocessed in ${tableName}`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** Math.min(attempt, 6)));
      const names = projection && Object.fromEntries(projection.map((p, n) => [`#p${n}`, p]));
      const page = await client.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: { Keys: pending, ...(consistentRead && { ConsistentRead: true }), ...(names && { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }) },
          },
        }),
      );
      result.push(...(page.Responses?.[tableName] ?? []));
      pending = page.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return result;
}
