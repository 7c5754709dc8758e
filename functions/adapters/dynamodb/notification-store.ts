import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { outboxMark, unreachableKey, type Notification, type OutboundChannel } from '#domain/notification';
import type { NoticeKey, NotificationStore, SharedNotice } from '#ports/stores';
import { indexNamed } from '#functions/tables';
import { ConcurrentChangeError } from '#domain/errors';
import type { DynamoWriteIntent, TransactItem } from './unit-of-work.ts';
import { forEachLimited } from '#functions/concurrency';
import { putAll } from './batch-write.ts';

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
  async putMany(notifications: readonly Notification[]): Promise<void> {
    await putAll(this.client, this.tableName, notifications.map((notification) => ({ ...notification })));
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
    // Consistent: the sender and the receipts decide on the delivery status just written.
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { recipientIin, notificationId }, ConsistentRead: true }));
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

  async claimOnce(claims: readonly { notification: Notification; owner: string }[]): Promise<{ written: Notification[]; owned: number; mine: Notification[] }> {
    const written: Notification[] = [];
    const mine: Notification[] = [];
    let owned = 0;
    await forEachLimited(claims, 16, async ({ notification, owner }) => {
      try {
        await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...notification, owner }, ConditionExpression: 'attribute_not_exists(notificationId)' }));
        written.push(notification);
        mine.push(notification);
        owned++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // Already there: ours if an earlier attempt of the same chunk wrote it (read only on a conflict).
        const { Item } = await this.client.send(
          new GetCommand({ TableName: this.tableName, Key: { recipientIin: notification.recipientIin, notificationId: notification.notificationId }, ProjectionExpression: '#owner', ExpressionAttributeNames: { '#owner': 'owner' }, ConsistentRead: true }),
        );
        if (Item?.owner === owner) {
          owned++;
          mine.push(notification);
        }
      }
    });
    return { written, owned, mine };
  }

  /** A conditional update of one notice's delivery; false when its condition fails. */
  private async updateDelivery(key: NoticeKey, input: { update: string; condition: string; names?: Record<string, string>; values: Record<string, unknown> }, channel: OutboundChannel): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { recipientIin: key.recipientIin, notificationId: key.notificationId },
          UpdateExpression: input.update,
          ConditionExpression: input.condition,
          ExpressionAttributeNames: { '#channels': 'channels', '#deliveries': 'deliveries', '#c': channel, ...input.names },
          ExpressionAttributeValues: input.values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  claimDelivery(key: NoticeKey, channel: OutboundChannel, claim: { id: string; at: string; staleBefore: string }): Promise<boolean> {
    return this.updateDelivery(
      key,
      {
        // Claimed: off the outbox sweeper's index (a message for it is in the queue, or it is being sent).
        update: 'SET #channels.#c = :sending, #deliveries.#c.#claim = :claim, #deliveries.#c.#claimedAt = :at, #deliveries.#c.#attempts = if_not_exists(#deliveries.#c.#attempts, :zero) + :one REMOVE attentionKey, attentionAt',
        condition: 'attribute_exists(#deliveries.#c) AND (#channels.#c = :queued OR (#channels.#c = :sending AND #deliveries.#c.#claimedAt < :stale))',
        names: { '#claim': 'claim', '#claimedAt': 'claimedAt', '#attempts': 'attempts' },
        values: { ':sending': 'sending', ':queued': 'queued', ':claim': claim.id, ':at': claim.at, ':stale': claim.staleBefore, ':zero': 0, ':one': 1 },
      },
      channel,
    );
  }

  async recordSent(key: NoticeKey, channel: OutboundChannel, claim: string, sent: { messageId: string; at: string; applicationId?: string }): Promise<boolean> {
    // The index `byProviderMessage` holds one message id per notice: the SMS channels' (the second
    // phone's is sent after the first's receipt). An e-mail, sent beside the SMS, is found by a
    // pointer item instead (decision 59), written first: a crash before the record leaves it
    // pointing at a delivery whose message id does not match, which a receipt then ignores.
    if (channel === 'email') {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...receiptPointerKey(sent.messageId), target: { recipientIin: key.recipientIin, notificationId: key.notificationId } } }));
    }
    const indexed = channel !== 'email';
    return this.updateDelivery(
      key,
      {
        update: `SET #channels.#c = :sent, #deliveries.#c.#messageId = :messageId, #deliveries.#c.#sentAt = :at${indexed ? ', #providerMessageId = :messageId' : ''}${sent.applicationId ? ', #deliveries.#c.#applicationId = :applicationId' : ''}`,
        condition: '#channels.#c = :sending AND #deliveries.#c.#claim = :claim',
        names: { '#claim': 'claim', '#messageId': 'messageId', '#sentAt': 'sentAt', ...(indexed && { '#providerMessageId': 'providerMessageId' }), ...(sent.applicationId && { '#applicationId': 'applicationId' }) },
        values: { ':sent': 'sent', ':sending': 'sending', ':claim': claim, ':messageId': sent.messageId, ':at': sent.at, ...(sent.applicationId && { ':applicationId': sent.applicationId }) },
      },
      channel,
    );
  }

  queueFallback(key: NoticeKey, from: OutboundChannel, to: OutboundChannel, queued: { at: string; applicationId: string }): Promise<boolean> {
    return this.updateDelivery(
      key,
      {
        update: 'SET #channels.#c = :queued, #deliveries.#c = :record, attentionKey = :mark, attentionAt = :at',
        condition: '#channels.#from = :failed AND attribute_not_exists(#channels.#c) AND attribute_exists(#deliveries)',
        names: { '#from': from },
        values: { ':queued': 'queued', ':failed': 'failed', ':record': { queuedAt: queued.at, attempts: 0, applicationId: queued.applicationId }, ':mark': outboxMark(key, queued.at).attentionKey, ':at': queued.at },
      },
      to,
    );
  }

  async markUnreachable(key: NoticeKey, mark: { tenantId: string; at: string }): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { recipientIin: key.recipientIin, notificationId: key.notificationId },
          UpdateExpression: 'SET attentionKey = :mark, attentionAt = :at, unreachableAt = :at',
          ConditionExpression: 'attribute_exists(notificationId) AND attribute_not_exists(unreachableAt)',
          ExpressionAttributeValues: { ':mark': unreachableKey(mark.tenantId), ':at': mark.at },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async unreachable(tenantId: string, limit: number): Promise<Notification[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexNamed('notifications', 'byAttention').indexName,
        KeyConditionExpression: 'attentionKey = :mark',
        ExpressionAttributeValues: { ':mark': unreachableKey(tenantId) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map(withoutOwner) as Notification[];
  }

  async waitingInOutbox(shard: number, range: { from?: string; before: string }, limit: number, after?: string): Promise<{ notices: Notification[]; next?: string }> {
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexNamed('notifications', 'byAttention').indexName,
        KeyConditionExpression: 'attentionKey = :mark AND attentionAt BETWEEN :from AND :before',
        ExpressionAttributeValues: { ':mark': `outbox#${shard}`, ':from': range.from ?? '0', ':before': range.before },
        Limit: limit,
        ...(after && { ExclusiveStartKey: JSON.parse(after) as Record<string, unknown> }),
      }),
    );
    return { notices: Items.map(withoutOwner) as Notification[], ...(LastEvaluatedKey && { next: JSON.stringify(LastEvaluatedKey) }) };
  }

  async countUnreachable(tenantId: string, campaignId: string): Promise<number> {
    // The sparse index holds only the unreachable notices (a few per campaign), so the filter reads little.
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: indexNamed('notifications', 'byAttention').indexName,
          KeyConditionExpression: 'attentionKey = :mark',
          FilterExpression: '#params.#campaignId = :campaign',
          ExpressionAttributeNames: { '#params': 'params', '#campaignId': 'campaignId' },
          ExpressionAttributeValues: { ':mark': unreachableKey(tenantId), ':campaign': campaignId },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  releaseClaim(key: NoticeKey, channel: OutboundChannel, claim: string): Promise<boolean> {
    return this.updateDelivery(
      key,
      {
        update: 'SET #channels.#c = :queued REMOVE #deliveries.#c.#claim, #deliveries.#c.#claimedAt',
        condition: '#channels.#c = :sending AND #deliveries.#c.#claim = :claim',
        names: { '#claim': 'claim', '#claimedAt': 'claimedAt' },
        values: { ':queued': 'queued', ':sending': 'sending', ':claim': claim },
      },
      channel,
    );
  }

  recordFailed(key: NoticeKey, channel: OutboundChannel, claim: string | undefined, failed: { at: string; reason: string }): Promise<boolean> {
    return this.updateDelivery(
      key,
      {
        update: `SET #channels.#c = :failed, #deliveries.#c.#failedAt = :at, #deliveries.#c.#reason = :reason${claim === undefined ? ' REMOVE attentionKey, attentionAt' : ''}`,
        condition: claim === undefined ? '#channels.#c = :queued' : '#channels.#c = :sending AND #deliveries.#c.#claim = :claim',
        names: { '#failedAt': 'failedAt', '#reason': 'reason', ...(claim !== undefined && { '#claim': 'claim' }) },
        values: { ':failed': 'failed', ':at': failed.at, ':reason': failed.reason.slice(0, 200), ...(claim === undefined ? { ':queued': 'queued' } : { ':sending': 'sending', ':claim': claim }) },
      },
      channel,
    );
  }

  dropQueuedChannel(key: NoticeKey, channel: OutboundChannel): Promise<boolean> {
    return this.updateDelivery(key, { update: 'REMOVE #channels.#c, #deliveries.#c, attentionKey, attentionAt', condition: '#channels.#c = :queued', values: { ':queued': 'queued' } }, channel);
  }

  async recordReceipt(receipt: { messageId: string; status: 'delivered' | 'failed'; at: string; reason?: string }): Promise<(NoticeKey & { channel: OutboundChannel }) | undefined> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: indexNamed('notifications', 'byProviderMessage').indexName,
        KeyConditionExpression: 'providerMessageId = :id',
        ExpressionAttributeValues: { ':id': receipt.messageId },
        Limit: 1,
      }),
    );
    let item: Record<string, unknown> | undefined = Items[0];
    if (!item) {
      // An e-mail's message: its pointer item names the notice.
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: receiptPointerKey(receipt.messageId) }));
      item = Item?.target as Record<string, unknown> | undefined;
    }
    if (!item) return undefined;
    const key = { recipientIin: item.recipientIin as string, notificationId: item.notificationId as string };
    // The index holds keys only: the notice tells which of its channels sent this message (the first phone's SMS or the second's).
    const notice = await this.get(key.recipientIin, key.notificationId);
    const channel = (Object.entries(notice?.deliveries ?? {}) as [OutboundChannel, { messageId?: string }][]).find(([, record]) => record.messageId === receipt.messageId)?.[0];
    if (!channel) return undefined;
    const updated = await this.updateDelivery(
      key,
      {
        update: `SET #channels.#c = :status, #deliveries.#c.#at = :at${receipt.reason ? ', #deliveries.#c.#reason = :reason' : ''}`,
        condition: '#channels.#c = :sent AND #deliveries.#c.#messageId = :id',
        names: { '#at': receipt.status === 'delivered' ? 'deliveredAt' : 'failedAt', '#messageId': 'messageId', ...(receipt.reason && { '#reason': 'reason' }) },
        values: { ':status': receipt.status, ':at': receipt.at, ':sent': 'sent', ':id': receipt.messageId, ...(receipt.reason && { ':reason': receipt.reason.slice(0, 200) }) },
      },
      channel,
    );
    return updated ? { ...key, channel } : undefined;
  }
}

/** The key of the item that points from an e-mail's provider message id to its notice (a partition of its own, never a parent's). */
const receiptPointerKey = (messageId: string) => ({ recipientIin: `receipt#${messageId}`, notificationId: 'email' });

/** The notice as the domain knows it: without the job's claim. */
function withoutOwner(item: Record<string, unknown>): Record<string, any> {
  const { owner: _owner, ...notice } = item;
  return notice;
}
