import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { searchKeysOf } from '#adapters/dynamodb/application-store';
import { forEachLimited } from '#functions/concurrency';

/**
 * Gives applications stored before the help desk's name index existed their name keys
 * (`nameKey`, `nameSort`), so a search by name finds them too. An operator's one-off tool over a
 * whole table (a Scan, never on a request path): page by page, each item only if it still has no
 * key (a conditional update: a re-run, or an application registered meanwhile, changes nothing),
 * resumable from the key it printed last.
 */
export async function backfillSearchKeys(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: { startAfter?: Record<string, unknown>; pageSize?: number; onPage?: (progress: { scanned: number; updated: number; next?: Record<string, unknown> }) => void } = {},
): Promise<{ scanned: number; updated: number }> {
  let scanned = 0;
  let updated = 0;
  let next = options.startAfter;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: 'applicationId, tenantId, childName, nameKey',
        Limit: options.pageSize ?? 500,
        ...(next && { ExclusiveStartKey: next }),
      }),
    );
    const missing = (page.Items ?? []).filter((item) => item.nameKey === undefined && typeof item.childName === 'string' && typeof item.tenantId === 'string');
    await forEachLimited(missing, 8, async (item) => {
      const keys = searchKeysOf({ tenantId: item.tenantId as string, childName: item.childName as string, applicationId: item.applicationId as string });
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { applicationId: item.applicationId },
            UpdateExpression: 'SET nameKey = :key, nameSort = :sort',
            ConditionExpression: 'attribute_exists(applicationId) AND attribute_not_exists(nameKey)',
            ExpressionAttributeValues: { ':key': keys.nameKey, ':sort': keys.nameSort },
          }),
        );
        updated++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    });
    scanned += page.Items?.length ?? 0;
    next = page.LastEvaluatedKey;
    options.onPage?.({ scanned, updated, ...(next && { next }) });
  } while (next);
  return { scanned, updated };
}
