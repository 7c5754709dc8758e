import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parentAccountId, staffAccountId } from '#domain/accounts';
import type { AccountStore, ParentAccount, StaffAccount } from '#ports/stores';


export class DynamoAccountStore implements AccountStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getParent(iin: string): Promise<ParentAccount | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { accountId: parentAccountId(iin) } }));
    return Item?.kind === 'parent' ? (Item as ParentAccount) : undefined;
  }

  async getStaff(login: string): Promise<StaffAccount | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { accountId: staffAccountId(login) } }));
    return Item?.kind === 'staff' ? (Item as StaffAccount) : undefined;
  }
}
