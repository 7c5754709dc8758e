import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Campaign, CampaignPreview, CampaignStatus } from '#domain/campaign';
import { CampaignAlreadyActiveError, emptyCounts } from '#domain/campaign';
import type { CampaignStore } from '#ports/campaigns';
import type { TableKey } from '#functions/tables';
import { allCounterShards } from '#domain/counter-shards';
import { getAll } from './batch-get.ts';
import { retryTransientCancellations } from './transactions.ts';
import { ConcurrentChangeError } from '#domain/errors';
import { counterShardOfAttempt } from '#domain/counter-shards';
import { dailyCounter } from '#domain/campaign';
import type { CampaignCounter } from '#ports/stores';
import type { DynamoWriteIntent } from './unit-of-work.ts';

export const activeCampaignConstraint = (tenantId: string) => `active-campaign#${tenantId}`;

/**
 * One counter shard of a campaign (confirmed, stopped, restored and their per-day counters, as
 * top-level numbers created by ADD): its own partition of the campaigns table, so the campaign
 * item is never written by a submission and the shards spread over partitions.
 */
export const campaignCounterShardKey = (tenantId: string, campaignId: string, shard: number) => ({ tenantId: `${tenantId}#${campaignId}#${shard}`, campaignId: 'counts' });

const countedFields = ['confirmed', 'stopped', 'restored'] as const;

/**
 * A stored campaign with its counter shards added in: the per-day counters (`daily#…`) gathered
 * into `daily`, each counted field the campaign item's value (older campaigns counted there) plus
 * every shard's.
 */
function campaignOf(item: Record<string, unknown>, shards: readonly Record<string, unknown>[] = []): Campaign {
  const campaign: Record<string, unknown> = {};
  const daily: Record<string, number> = {};
  const addDaily = (key: string, value: unknown) => {
    if (key.startsWith('daily#') && typeof value === 'number') daily[key] = (daily[key] ?? 0) + value;
  };
  for (const [key, value] of Object.entries(item)) {
    if (key.startsWith('daily#')) addDaily(key, value);
    else campaign[key] = value;
  }
  const stored = campaign as unknown as Campaign;
  // Items written before `restored` was counted lack it.
  const counts: Record<string, number> = { ...emptyCounts, ...stored.counts };
  for (const shard of shards) {
    for (const field of countedFields) if (typeof shard[field] === 'number') counts[field]! += shard[field] as number;
    for (const [key, value] of Object.entries(shard)) addDaily(key, value);
  }
  return { ...stored, counts: counts as unknown as Campaign['counts'], daily };
}

const shardKeysOf = (tenantId: string, campaignId: string) => allCounterShards.map((shard) => campaignCounterShardKey(tenantId, campaignId, shard));
const shardOwner = (item: Record<string, unknown>) => (item.tenantId as string).slice(0, (item.tenantId as string).lastIndexOf('#'));

export class DynamoCampaignStore implements CampaignStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: (key: TableKey) => string,
  ) {}

  async create(campaign: Campaign): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName('campaigns'), Item: campaign, ConditionExpression: 'attribute_not_exists(campaignId)' }));
  }
  /**
   * A campaign counter moved with the change it counts, in a unit of work: the running total and
   * the day's (the Kazakhstan date of the change) for the dashboard's chart, in a counter shard
   * chosen by `spreadBy` (an applicant), never the campaign item; a retry moves to another shard.
   */
  counterMove(counter: CampaignCounter, spreadBy: string, day: string): DynamoWriteIntent {
    return {
      store: 'campaigns',
      items: (attempt) => [
        {
          Update: {
            TableName: this.tableName('campaigns'),
            Key: campaignCounterShardKey(counter.tenantId, counter.campaignId, counterShardOfAttempt(spreadBy, attempt)),
            UpdateExpression: 'ADD #field :delta, #day :delta',
            ExpressionAttributeNames: { '#field': counter.field, '#day': dailyCounter(counter.field, day) },
            ExpressionAttributeValues: { ':delta': counter.delta },
          },
        },
      ],
      refusal: { rank: 2, error: () => new ConcurrentChangeError(`campaign ${counter.campaignId} counter`) },
    };
  }


  async get(tenantId: string, campaignId: string): Promise<Campaign | undefined> {
    // The campaign and its counter shards in one consistent BatchGet (65 keys).
    const items = await getAll(this.client, this.tableName('campaigns'), [{ tenantId, campaignId }, ...shardKeysOf(tenantId, campaignId)], undefined, true);
    const item = items.find((candidate) => candidate.tenantId === tenantId);
    return item ? campaignOf(item, items.filter((candidate) => candidate.tenantId !== tenantId)) : undefined;
  }

  async list(tenantId: string): Promise<Campaign[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({ TableName: this.tableName('campaigns'), KeyConditionExpression: 'tenantId = :t', ExpressionAttributeValues: { ':t': tenantId }, ScanIndexForward: false }),
    );
    const shards = await getAll(this.client, this.tableName('campaigns'), Items.flatMap((item) => shardKeysOf(tenantId, item.campaignId as string)));
    return Items.map((item) => campaignOf(item, shards.filter((shard) => shardOwner(shard) === `${tenantId}#${item.campaignId as string}`))).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
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
    options: { guard?: 'take' | 'release'; set?: Partial<Pick<Campaign, 'counts' | 'closeProgress' | 'policy' | 'surveyVersion'>>; summary?: Pick<Campaign, 'year' | 'startsAt' | 'endsAt'> & { extensionYears: number; surveyVersion: string } } = {},
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

  async setPreview(tenantId: string, campaignId: string, preview: CampaignPreview, ofRequest?: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName('campaigns'),
          Key: { tenantId, campaignId },
          UpdateExpression: 'SET #preview = :preview',
          ConditionExpression: `#status = :draft${ofRequest ? ' AND #preview.#requestId = :request' : ''}`,
          ExpressionAttributeNames: { '#preview': 'preview', '#status': 'status', ...(ofRequest && { '#requestId': 'requestId' }) },
          ExpressionAttributeValues: { ':preview': preview, ':draft': 'draft', ...(ofRequest && { ':request': ofRequest }) },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
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
