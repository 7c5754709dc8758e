import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ageGroups } from '#domain/application';
import type { KindergartenFields } from '#domain/kindergarten-rules';
import { getAll } from './batch-get.ts';
import type { Kindergarten } from '#domain/application';
import type { KindergartenKey, KindergartenStore } from '#ports/stores';
import { ConcurrentChangeError } from '#domain/errors';
import { NoFreePlaceError } from '#domain/errors';
import type { PlaceMove } from '#ports/stores';
import type { DynamoWriteIntent, TransactItem } from './unit-of-work.ts';

const noPlacesTaken = Object.fromEntries(ageGroups.map((group) => [group, 0])) as Record<(typeof ageGroups)[number], number>;

/** `SET #field = :field, …` for every field staff enter (names and values for the expression). */
function setFields(fields: object): { set: string[]; names: Record<string, string>; values: Record<string, unknown> } {
  const entries = Object.entries(fields);
  return {
    set: entries.map(([field]) => `#${field} = :${field}`),
    names: Object.fromEntries(entries.map(([field]) => [`#${field}`, field])),
    values: Object.fromEntries(entries.map(([field, value]) => [`:${field}`, value])),
  };
}

/**
 * Per age group: the places taken (moved by referrals in their own conditional writes) fit the
 * new capacity. The expression parts for an edit or an import of `capacity`.
 */
function capacityCoversTaken(capacity: KindergartenFields['capacity']) {
  return {
    conditions: ageGroups.map((group) => `(attribute_not_exists(#occupancy.#${group}) OR #occupancy.#${group} <= :places_${group})`),
    names: { '#occupancy': 'occupancy', ...Object.fromEntries(ageGroups.map((group) => [`#${group}`, group])) },
    values: Object.fromEntries(ageGroups.map((group) => [`:places_${group}`, capacity[group]])),
  };
}

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
  /** A place at a kindergarten taken (only if one is free) or given back (never below zero), in a unit of work. */
  placeMove(tenantId: string, place: PlaceMove): DynamoWriteIntent {
    const item: TransactItem = {
      Update: {
        TableName: this.tableName,
        Key: { tenantId, kindergartenId: place.kindergartenId },
        UpdateExpression: 'SET #occupancy.#group = #occupancy.#group + :delta',
        ConditionExpression: place.delta > 0 ? '#occupancy.#group < #capacity.#group' : '#occupancy.#group > :zero',
        ExpressionAttributeNames: { '#group': place.ageGroup, '#occupancy': 'occupancy', ...(place.delta > 0 && { '#capacity': 'capacity' }) },
        ExpressionAttributeValues: { ':delta': place.delta, ...(place.delta < 0 && { ':zero': 0 }) },
      },
    };
    return { store: 'kindergartens', items: () => [item], refusal: { rank: 0, error: () => new NoFreePlaceError('no free place') } };
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
    for (const { kindergartenId, version: _ignored, ...fields } of kindergartens) {
      const { set, names, values } = setFields(fields);
      // Never fewer places than are taken, even if a referral took one since the file was checked.
      const fits = capacityCoversTaken(fields.capacity);
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { tenantId, kindergartenId },
            // Places already taken are the queue's business, never the import's: keep them. The
            // revision moves, so a form opened before the import is told to reload.
            UpdateExpression: `SET ${set.join(', ')}, #occupancy = if_not_exists(#occupancy, :zeros), #version = if_not_exists(#version, :zero) + :one`,
            ConditionExpression: fits.conditions.join(' AND '),
            ExpressionAttributeNames: { ...names, ...fits.names, '#version': 'version' },
            ExpressionAttributeValues: { ...values, ...fits.values, ':zeros': noPlacesTaken, ':zero': 0, ':one': 1 },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new ConcurrentChangeError(`kindergarten ${kindergartenId} has more places taken than the file gives`);
        throw error;
      }
    }
  }

  async create(tenantId: string, kindergartenId: string, fields: KindergartenFields): Promise<Kindergarten | undefined> {
    const kindergarten: Kindergarten = { ...fields, tenantId, kindergartenId, occupancy: noPlacesTaken, version: 1 };
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: kindergarten, ConditionExpression: 'attribute_not_exists(kindergartenId)' }));
      return kindergarten;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return undefined;
    }
  }

  async update(
    tenantId: string,
    kindergartenId: string,
    fields: KindergartenFields,
    expectedVersion: number,
  ): Promise<{ readonly updated: Kindergarten } | { readonly refused: Kindergarten | undefined }> {
    const { set, names, values } = setFields(fields);
    // A kindergarten written before revisions existed (seed, an old import) is at revision 0.
    const versionCondition = expectedVersion === 0 ? '(attribute_not_exists(#version) OR #version = :expected)' : '#version = :expected';
    const fits = capacityCoversTaken(fields.capacity);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { tenantId, kindergartenId },
          UpdateExpression: `SET ${set.join(', ')}, #version = :next`,
          ConditionExpression: ['attribute_exists(#kindergartenId)', versionCondition, ...fits.conditions].join(' AND '),
          ExpressionAttributeNames: { ...names, ...fits.names, '#kindergartenId': 'kindergartenId', '#version': 'version' },
          ExpressionAttributeValues: { ...values, ...fits.values, ':expected': expectedVersion, ':next': expectedVersion + 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { updated: Attributes as Kindergarten };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Only a refused edit pays this read: it tells the page why.
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { tenantId, kindergartenId }, ConsistentRead: true }));
      return { refused: Item as Kindergarten | undefined };
    }
  }
}
