import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Notification } from '#domain/notification';
import type { NotificationStore } from '#ports/stores';
import type { SharedNotice } from '#ports/stores';
import { ConcurrentChangeError } from '#domain/errors';
import type { DynamoWriteIntent, TransactItem } from './unit-of-work.ts';
import { forEachLimited } from '#functions/concurrency';

export class DynamoNotificationStore implements NotificationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async latest(recipientIin: string, limit: number): Promise<Notification[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'recipientIin = :r',
        ExpressionAttributeValues: { ':r': recipientIin },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map(withoutOwner).map((item) => ({ ...item, ...(item.applicationIds instanceof Set && { params: { ...item.params, applicationIds: [...item.applicationIds] } }) })) as Notification[];
  }
  /** A new notice, in a unit of work (refused if its id exists: the change was made already). */
  notice(notification: Notification): DynamoWriteIntent {
    const item: TransactItem = { Put: { TableName: this.tableName, Item: notification, ConditionExpression: 'attribute_not_exists(notificationId)' } };
    return { store: 'notifications', items: () => [item], refusal: { rank: 2, error: () => new ConcurrentChangeError(`notice ${notification.notificationId} exists`) } };
  }

  /** One notice per parent that grows with each write naming more applications (created by the first), in a unit of work. */
  sharedNotice(shared: SharedNotice): DynamoWriteIntent {
    const { recipientIin, notificationId, ...fields } = shared.notification;
    const entries = Object.entries(fields);
    const item: TransactItem = {
      Update: {
        TableName: this.tableName,
        Key: { recipientIin, notificationId },
        // Created by the first write, extended by each next one; ADD to a set is idempotent.
        UpdateExpression: `SET ${entries.map(([field]) => `#${field} = if_not_exists(#${field}, :${field})`).join(', ')} ADD #applications :applications`,
        ExpressionAttributeNames: { ...Object.fromEntries(entries.map(([field]) => [`#${field}`, field])), '#applications': 'applicationIds' },
        ExpressionAttributeValues: { ...Object.fromEntries(entries.map(([field, value]) => [`:${field}`, value])), ':applications': new Set(shared.applicationIds) },
      },
    };
    return { store: 'notifications', items: () => [item], refusal: { rank: 2, error: () => new ConcurrentChangeError(`notice ${notificationId}`) } };
  }


  async get(recipientIin: string, notificationId: string): Promise<Notification | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { recipientIin, notificationId } }));
    return Item ? (withoutOwner(Item) as unknown as Notification) : undefined;
  }

  async markRead(recipientIin: string, notificationIds: readonly string[]): Promise<number> {
    let marked = 0;
    for (const notificationId of new Set(notificationIds)) {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            // The key includes the parent's IIN: nobody can mark another parent's notice.
            Key: { recipientIin, notificationId },
            UpdateExpression: 'SET #read = :true',
            ConditionExpression: 'attribute_exists(notificationId)',
            ExpressionAttributeNames: { '#read': 'read' },
            ExpressionAttributeValues: { ':true': true },
          }),
        );
        marked++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    return marked;
  }

  async setChannelStatus(notification: Pick<Notification, 'recipientIin' | 'notificationId'>, channel: 'sms' | 'email', status: 'sent' | 'failed'): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { recipientIin: notification.recipientIin, notificationId: notification.notificationId },
        UpdateExpression: 'SET #channels.#channel = :status',
        ConditionExpression: 'attribute_exists(notificationId)',
        ExpressionAttributeNames: { '#channels': 'channels', '#channel': channel },
        ExpressionAttributeValues: { ':status': status },
      }),
    );
  }

  async putOnce(notifications: readonly Notification[]): Promise<Notification[]> {
    const written: Notification[] = [];
    await forEachLimited(notifications, 16, async (notification) => {
      try {
        await this.client.send(new PutCommand({ TableName: this.tableName, Item: notification, ConditionExpression: 'attribute_not_exists(notificationId)' }));
        written.push(notification);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    });
    return written;
  }

  async claimOnce(claims: readonly { notification: Notification; owner: string }[]): Promise<{ written: Notification[]; owned: number }> {
    const written: Notification[] = [];
    let owned = 0;
    await forEachLimited(claims, 16, async ({ notification, owner }) => {
      try {
        await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...notification, owner }, ConditionExpression: 'attribute_not_exists(notificationId)' }));
        written.push(notification);
        owned++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // Already there: ours if an earlier attempt of the same chunk wrote it (read only on a conflict).
        const { Item } = await this.client.send(
          new GetCommand({ TableName: this.tableName, Key: { recipientIin: notification.recipientIin, notificationId: notification.notificationId }, ProjectionExpression: '#owner', ExpressionAttributeNames: { '#owner': 'owner' }, ConsistentRead: true }),
        );
        if (Item?.owner === owner) owned++;
      }
    });
    return { written, owned };
  }
}

/** The notice as the domain knows it: without the job's claim. */
function withoutOwner(item: Record<string, unknown>): Record<string, any> {
  const { owner: _owner, ...notice } = item;
  return notice;
}
