import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Tenant } from '#domain/application';
import type { TenantStore } from '#ports/stores';

export class DynamoTenantStore implements TenantStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string): Promise<Tenant | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { tenantId } }));
    // Host items (`host#…`, see department-store.ts) share the table; they are not departments.
    if (!Item || 'siteOf' in Item) return undefined;
    const { demoSeed: _marker, ...tenant } = Item;
    return tenant as Tenant;
  }
}
