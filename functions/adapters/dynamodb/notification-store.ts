import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Notification } from '#domain/notification';
import type { NotificationStore } from '#ports/stores';

export class DynamoNotificationStore implements NotificationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putOnce(notifications: readonly Notification[]): Promise<number> {
    let written = 0;
    let next = 0;
    const worker = async () => {
      while (next < notifications.length) {
        const notification = notifications[next++]!;
        try {
          await this.client.send(new PutCommand({ TableName: this.tableName, Item: notification, ConditionExpression: 'attribute_not_exists(notificationId)' }));
          written++;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, notifications.length) }, worker));
    return written;
  }
}
