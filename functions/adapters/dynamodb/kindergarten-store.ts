import { BatchGetCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Kindergarten } from '#domain/application';
import type { KindergartenKey, KindergartenStore } from '#ports/stores';

/** BatchGetItem takes at most 100 keys per request. */
const batchLimit = 100;

export class DynamoKindergartenStore implements KindergartenStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async listByTenant(tenantId: string): Promise<Kindergarten[]> {
    const result: Kindergarten[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'tenantId = :tenantId',
          ExpressionAttributeValues: { ':tenantId': tenantId },
          ExclusiveStartKey: startKey,
        }),
      );
      result.push(...((page.Items ?? []) as Kindergarten[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return result;
  }

  async get(tenantId: string, kindergartenId: string): Promise<Kindergarten | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { tenantId, kindergartenId } }));
    return Item as Kindergarten | undefined;
  }

  async getMany(keys: readonly KindergartenKey[]): Promise<Kindergarten[]> {
    const unique = [...new Map(keys.map((k) => [`${k.tenantId}/${k.kindergartenId}`, k])).values()];
    const result: Kindergarten[] = [];
    for (let i = 0; i < unique.length; i += batchLimit) {
      let pending: Record<string, unknown>[] | undefined = unique
        .slice(i, i + batchLimit)
        .map(({ tenantId, kindergartenId }) => ({ tenantId, kindergartenId }));
      // Unprocessed keys come back under throttling; ask again for just those.
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** Math.min(attempt, 6)));
        const page = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } }),
        );
        result.push(...((page.Responses?.[this.tableName] ?? []) as Kindergarten[]));
        pending = page.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return result;
  }
}
