import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Campaign, CampaignStatus } from '#domain/campaign';
import { CampaignAlreadyActiveError, emptyCounts } from '#domain/campaign';
import type { CampaignStore } from '#ports/campaigns';
import type { TableKey } from '#functions/tables';
import { retryTransientCancellations } from './transactions.ts';

export const activeCampaignConstraint = (tenantId: string) => `active-campaign#${tenantId}`;

/** A stored campaign: the per-day counters (top-level `daily#…` attributes, created by ADD) gathered into `daily`. */
function campaignOf(item: Record<string, unknown>): Campaign {
  const campaign: Record<string, unknown> = {};
  const daily: Record<string, number> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key.startsWith('daily#')) daily[key] = value as number;
    else campaign[key] = value;
  }
  const stored = campaign as unknown as Campaign;
  // Items written before `restored` was counted lack it.
  return { ...stored, counts: { ...emptyCounts, ...stored.counts }, daily };
}

export class DynamoCampaignStore implements CampaignStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: (key: TableKey) => string,
  ) {}

  async create(campaign: Campaign): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName('campaigns'), Item: campaign, ConditionExpression: 'attribute_not_exists(campaignId)' }));
  }

  async get(tenantId: string, campaignId: string): Promise<Campaign | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName('campaigns'), Key: { tenantId, campaignId }, ConsistentRead: true }));
    return Item ? campaignOf(Item) : undefined;
  }

  async list(tenantId: string): Promise<Campaign[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({ TableName: this.tableName('campaigns'), KeyConditionExpression: 'tenantId = :t', ExpressionAttributeValues: { ':t': tenantId }, ScanIndexForward: false }),
    );
    return Items.map(campaignOf).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async active(tenantId: string): Promise<Campaign | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName('constraints'), Key: { constraintId: activeCampaignConstraint(tenantId) } }));
    return Item ? this.get(tenantId, Item.campaignId as string) : undefined;
  }

  async transition(
    tenantId: string,
    campaignId: string,
    from: readonly CampaignStatus[],
    to: CampaignStatus,
    options: { guard?: 'take' | 'release'; set?: Partial<Pick<Campaign, 'counts' | 'closeProgress'>>; summary?: Pick<Campaign, 'year' | 'startsAt' | 'endsAt'> & { extensionYears: number } } = {},
  ): Promise<boolean> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':to': to, ...Object.fromEntries(from.map((status, i) => [`:from${i}`, status])) };
    const sets = ['#status = :to'];
    for (const [field, value] of Object.entries(options.set ?? {})) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    const update = {
      Update: {
        TableName: this.tableName('campaigns'),
        Key: { tenantId, campaignId },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
    const guard =
      options.guard === 'take'
        ? {
            Put: {
              TableName: this.tableName('constraints'),
              // The guard carries the campaign's dates, so a survey submission reads them with its other keys.
              Item: { constraintId: activeCampaignConstraint(tenantId), campaignId, ...options.summary },
              ConditionExpression: 'attribute_not_exists(constraintId)',
            },
          }
        : options.guard === 'release'
          ? { Delete: { TableName: this.tableName('constraints'), Key: { constraintId: activeCampaignConstraint(tenantId) }, ConditionExpression: 'campaignId = :campaign', ExpressionAttributeValues: { ':campaign': campaignId } } }
          : undefined;
    try {
      await retryTransientCancellations(() => this.client.send(new TransactWriteCommand({ TransactItems: guard ? [update, guard] : [update] })));
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
      if (options.guard === 'take' && reasons[1]?.Code === 'ConditionalCheckFailed') throw new CampaignAlreadyActiveError(tenantId);
      throw error;
    }
  }

  async setScope(tenantId: string, campaignId: string, scope: { inScope: number; applicants: number }): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName('campaigns'),
        Key: { tenantId, campaignId },
        // Never the whole `counts` map: confirmations and stops move their counters concurrently.
        UpdateExpression: 'SET #counts.#inScope = :inScope, #counts.#applicants = :applicants',
        ExpressionAttributeNames: { '#counts': 'counts', '#inScope': 'inScope', '#applicants': 'applicants' },
        ExpressionAttributeValues: { ':inScope': scope.inScope, ':applicants': scope.applicants },
      }),
    );
  }

  async update(
    tenantId: string,
    campaignId: string,
    set: Partial<Pick<Campaign, 'closeProgress'>> & { announcedAt?: string },
    onlyIfUnset?: 'announcedAt' | 'closeProgress',
  ): Promise<boolean> {
    const entries = Object.entries(set);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName('campaigns'),
          Key: { tenantId, campaignId },
          UpdateExpression: `SET ${entries.map(([field]) => `#${field} = :${field}`).join(', ')}`,
          ...(onlyIfUnset && { ConditionExpression: `attribute_not_exists(#${onlyIfUnset})` }),
          ExpressionAttributeNames: Object.fromEntries([...entries.map(([field]) => [`#${field}`, field]), ...(onlyIfUnset ? [[`#${onlyIfUnset}`, onlyIfUnset]] : [])]),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([field, value]) => [`:${field}`, value])),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
