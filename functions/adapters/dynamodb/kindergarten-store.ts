import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ageGroups } from '#domain/application';
import { getAll } from './batch-get.ts';
import type { Kindergarten } from '#domain/application';
import type { KindergartenKey, KindergartenStore } from '#ports/stores';

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
    const unique = [...new Map(keys.map((k) => [`${k.tenantId}/${k.kindergartenId}`, { tenantId: k.tenantId, kindergartenId: k.kindergartenId }])).values()];
    return (await getAll(this.client, this.tableName, unique)) as unknown as Kindergarten[];
  }

  async upsertMany(tenantId: string, kindergartens: readonly Omit<Kindergarten, 'tenantId' | 'occupancy'>[]): Promise<void> {
    const zeros = Object.fromEntries(ageGroups.map((group) => [group, 0]));
    for (const { kindergartenId, ...fields } of kindergartens) {
      const names = Object.fromEntries(Object.keys(fields).map((field) => [`#${field}`, field]));
      const values = Object.fromEntries(Object.entries(fields).map(([field, value]) => [`:${field}`, value]));
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { tenantId, kindergartenId },
          // Places already taken are the queue's business, never the import's: keep them.
          UpdateExpression: `SET ${Object.keys(fields).map((field) => `#${field} = :${field}`).join(', ')}, #occupancy = if_not_exists(#occupancy, :zeros)`,
          ExpressionAttributeNames: { ...names, '#occupancy': 'occupancy' },
          ExpressionAttributeValues: { ...values, ':zeros': zeros },
        }),
      );
    }
  }
}
