import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExportRecord, ExportStore } from '#ports/stores';

export class DynamoExportStore implements ExportStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: ExportRecord): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: record, ConditionExpression: 'attribute_not_exists(exportId)' }));
  }

  async get(tenantId: string, exportId: string): Promise<ExportRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { tenantId, exportId }, ConsistentRead: true }));
    return Item as ExportRecord | undefined;
  }

  async progress(tenantId: string, exportId: string, processed: number, total: number): Promise<void> {
    await this.update(tenantId, exportId, { processed, total });
  }

  async finish(tenantId: string, exportId: string, result: { status: 'done'; rows: number; fileKey: string; fileName: string } | { status: 'failed' }): Promise<boolean> {
    return this.update(tenantId, exportId, result);
  }

  /** Sets fields of an export that is still running; false when it is not (done or failed already). */
  private async update(tenantId: string, exportId: string, set: Record<string, unknown>): Promise<boolean> {
    const entries = Object.entries(set);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { tenantId, exportId },
          UpdateExpression: `SET ${entries.map(([field]) => `#${field} = :${field}`).join(', ')}`,
          ConditionExpression: '#current = :running',
          ExpressionAttributeNames: { ...Object.fromEntries(entries.map(([field]) => [`#${field}`, field])), '#current': 'status' },
          ExpressionAttributeValues: { ...Object.fromEntries(entries.map(([field, value]) => [`:${field}`, value])), ':running': 'running' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
