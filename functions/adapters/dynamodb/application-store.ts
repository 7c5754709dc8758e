import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Application, ApplicationStatus, HistoryEvent } from '#domain/application';
import type { TransitionPlan } from '#domain/application-lifecycle';
import { ChildAlreadyQueuedError, ConcurrentChangeError } from '#domain/errors';
import { pendingIndexKey, pendingKey } from '#domain/campaign';
import { allPendingShards, pendingShardOf } from '#domain/counter-shards';
import type { Notification } from '#domain/notification';
import { nameKeysOf, type SearchLookups } from '#domain/application-search';
import type { ApplicationStore, CohortFilter, PlaceChanceWrite, PositionWrite, StatusList, StatusPageKey } from '#ports/stores';
import { indexNamed, tables, type TableKey } from '#functions/tables';
import { runTransaction } from './transactions.ts';
import type { DynamoWriteIntent, TransactItem } from './unit-of-work.ts';
import { getAll } from './batch-get.ts';
import { putAll } from './batch-write.ts';
import { forEachLimited } from '#functions/concurrency';

const byApplicant = indexNamed('applications', 'byApplicant');
const byQueue = indexNamed('applications', 'byQueue');
const byPending = indexNamed('applications', 'byPendingCampaign');
const byStatus = indexNamed('applications', 'byStatus');
const byChildIin = indexNamed('applications', 'byChildIin');
const byChildName = indexNamed('applications', 'byChildName');


/** Attributes that exist for indexes only; domain objects never see them. */
type StoredApplication = Application & { queuePartition?: string; queueSortKey?: string; statusPartition?: string; nameKey?: string; nameSort?: string };

/** `<tenantId>#<birth year>`: one queue per tenant and birth-year cohort (SPEC rule 11). */
export const queuePartitionOf = (tenantId: string, birthYear: number) => `${tenantId}#${birthYear}`;

/** The queue keys an application carries while it is queued. */
export function queueKeysOf(application: Application): { queuePartition: string; queueSortKey: string } {
  return {
    queuePartition: queuePartitionOf(application.tenantId, Number(application.birthDate.slice(0, 4))),
    queueSortKey: `${application.registeredAt}#${application.applicationId}`,
  };
}

/** `<tenantId>#<status>#<birth year>`: one list per tenant, status and cohort for the staff queue browser. */
export const statusPartitionOf = (tenantId: string, status: ApplicationStatus, birthYear: number) => `${tenantId}#${status}#${birthYear}`;

const birthYearOf = (application: Pick<Application, 'birthDate'>) => Number(application.birthDate.slice(0, 4));

/**
 * The index keys an application carries in a status: the queue keys while queued, the status
 * partition otherwise. Every write that creates an application or changes its status takes its
 * keys from here (creation, import, seed, transitions), so the two sparse indexes never disagree.
 */
export function indexKeysOf(application: Application, status: ApplicationStatus = application.status): { queuePartition: string; queueSortKey: string } | { statusPartition: string } {
  return status === 'queued' ? queueKeysOf(application) : { statusPartition: statusPartitionOf(application.tenantId, status, birthYearOf(application)) };
}

/**
 * The help desk's name keys, set once when an application is created (a child's name does not
 * change): creation, import and seed spread them next to `indexKeysOf`.
 */
export function searchKeysOf(application: Pick<Application, 'tenantId' | 'childName' | 'applicationId'>): { nameKey: string; nameSort: string } {
  return nameKeysOf(application.tenantId, application.childName, application.applicationId);
}

/** At most this many Queries make one page of a filtered status list (each reads up to 1 MB). */
const statusPageRequests = 5;

/**
 * The staff queue browser's priority and kindergarten filters as a `FilterExpression`. It runs
 * inside one tenant × cohort (× status) partition, so what DynamoDB reads is bounded by one
 * cohort, never the table; an index per filter combination would cost a write per index on
 * every change for lists staff open a few times a day.
 */
function cohortFilterExpression(filter: CohortFilter): {
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.priority) {
    conditions.push('#priority = :priority');
    names['#priority'] = 'priority';
    values[':priority'] = filter.priority;
  }
  if (filter.kindergartenId) {
    // `contains` on a list attribute: the kindergarten is one of the preferred ones.
    conditions.push('contains(#preferred, :kindergarten)');
    names['#preferred'] = 'preferredKindergartenIds';
    values[':kindergarten'] = filter.kindergartenId;
  }
  return conditions.length === 0 ? {} : { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

export const activeChildConstraint = (tenantId: string, childIin: string) => `active-child#${tenantId}#${childIin}`;

function withoutIndexKeys(item: Record<string, unknown>): Application {
  const { queuePartition: _p, queueSortKey: _s, statusPartition: _t, nameKey: _n, nameSort: _ns, ...application } = item as unknown as StoredApplication;
  return application;
}

/** Every pending-index partition of a campaign: the 16 shards, then the key used before sharding. */
const pendingPartitions = (tenantId: string, campaignId: string) => [...allPendingShards.map((shard) => pendingIndexKey(tenantId, campaignId, shard)), pendingKey(tenantId, campaignId)];

export class DynamoApplicationStore implements ApplicationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    /** Resolved on use: a function only has the table names of its grants. */
    private readonly tableName: (key: TableKey) => string,
  ) {}

  async listByApplicant(applicantIin: string): Promise<Application[]> {
    return (
      await this.queryAll({
        IndexName: byApplicant.indexName,
        KeyConditionExpression: '#applicant = :iin',
        ExpressionAttributeNames: { '#applicant': byApplicant.partitionKey.name },
        ExpressionAttributeValues: { ':iin': applicantIin },
      })
    ).map(withoutIndexKeys);
  }

  async get(applicationId: string): Promise<Application | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName('applications'), Key: { applicationId }, ConsistentRead: true }),
    );
    return Item ? withoutIndexKeys(Item) : undefined;
  }

  async search(tenantId: string, lookups: SearchLookups, limit: number): Promise<Application[]> {
    const table = this.tableName('applications');
    const ids = new Set<string>(lookups.applicationIds ?? []);
    const queryIds = async (input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName' | 'Limit'>) => {
      const { Items = [] } = await this.client.send(new QueryCommand({ TableName: table, Limit: limit, ...input }));
      for (const item of Items) ids.add(item.applicationId as string);
    };
    await Promise.all([
      lookups.childIin &&
        queryIds({ IndexName: byChildIin.indexName, KeyConditionExpression: 'childIin = :iin', ExpressionAttributeValues: { ':iin': lookups.childIin }, ScanIndexForward: false }),
      lookups.namePrefix &&
        queryIds({
          IndexName: byChildName.indexName,
          KeyConditionExpression: 'nameKey = :key AND begins_with(nameSort, :prefix)',
          // The partition of the typed name's first letters; the application id part of `nameSort` is not typed.
          ExpressionAttributeValues: { ':key': nameKeysOf(tenantId, lookups.namePrefix, '').nameKey, ':prefix': lookups.namePrefix },
        }),
    ]);
    if (ids.size === 0) return [];
    // The index holds keys only (and other departments' children with the same IIN): the hits are read by key and kept to the tenant.
    const items = await getAll(this.client, table, [...ids].map((applicationId) => ({ applicationId })));
    return items
      .map(withoutIndexKeys)
      .filter((application) => application.tenantId === tenantId)
      .sort((a, b) => a.childName.localeCompare(b.childName) || a.registeredAt.localeCompare(b.registeredAt))
      .slice(0, limit);
  }

  async queueOf(tenantId: string, birthYear: number, filter: CohortFilter = {}): Promise<Application[]> {
    const narrowed = cohortFilterExpression(filter);
    return (
      await this.queryAll({
        IndexName: byQueue.indexName,
        KeyConditionExpression: '#partition = :partition',
        ...narrowed,
        ExpressionAttributeNames: { '#partition': byQueue.partitionKey.name, ...narrowed.ExpressionAttributeNames },
        ExpressionAttributeValues: { ':partition': queuePartitionOf(tenantId, birthYear), ...narrowed.ExpressionAttributeValues },
      })
    ).map(withoutIndexKeys);
  }

  async queuePage(tenantId: string, birthYear: number, after: string | undefined, limit: number): Promise<{ applications: Application[]; next?: string }> {
    const queuePartition = queuePartitionOf(tenantId, birthYear);
    // The cursor is the last item's queue sort key, `<registeredAt>#<applicationId>`: it holds the table key too.
    const startKey = after ? { applicationId: after.slice(after.lastIndexOf('#') + 1), queuePartition, queueSortKey: after } : undefined;
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.tableName('applications'),
        IndexName: byQueue.indexName,
        KeyConditionExpression: '#partition = :partition',
        ExpressionAttributeNames: { '#partition': byQueue.partitionKey.name },
        ExpressionAttributeValues: { ':partition': queuePartition },
        Limit: limit,
        ...(startKey && { ExclusiveStartKey: startKey }),
      }),
    );
    const items = page.Items ?? [];
    const next = page.LastEvaluatedKey?.queueSortKey as string | undefined;
    return { applications: items.map(withoutIndexKeys), ...(next && { next }) };
  }

  async statusPage(list: StatusList, page: { after?: StatusPageKey; limit: number }): Promise<{ applications: Application[]; next?: StatusPageKey }> {
    const query = this.statusQuery(list);
    const filtered = query.FilterExpression !== undefined;
    const applications: Application[] = [];
    const keyOf = (item: Record<string, unknown> | Application | StatusPageKey): StatusPageKey => ({ registeredAt: item.registeredAt as string, applicationId: item.applicationId as string });
    let startKey: Record<string, unknown> | undefined = page.after && { ...keyOf(page.after), [byStatus.partitionKey.name]: query.ExpressionAttributeValues[':partition'] };
    // A filter may skip most of what a request reads, so a page stops after a few requests and
    // hands back where it stopped: the cost of a page stays bounded, whatever the filter.
    for (let request = 0; request < statusPageRequests; request++) {
      const result = await this.client.send(
        new QueryCommand({
          ...query,
          ExclusiveStartKey: startKey,
          // Unfiltered, read exactly what the page still needs; filtered, let DynamoDB read up to 1 MB.
          ...(!filtered && { Limit: page.limit - applications.length }),
        }),
      );
      const items = result.Items ?? [];
      const room = page.limit - applications.length;
      applications.push(...items.slice(0, room).map(withoutIndexKeys));
      const more = items.length > room || result.LastEvaluatedKey !== undefined;
      if (applications.length === page.limit) return { applications, ...(more && { next: keyOf(applications[applications.length - 1]!) }) };
      startKey = result.LastEvaluatedKey;
      if (!startKey) return { applications };
    }
    return { applications, next: keyOf(startKey!) };
  }

  async countStatus(list: StatusList): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...this.statusQuery(list), Select: 'COUNT', ExclusiveStartKey: startKey }));
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  /** The Query over one status list (the sparse status index), narrowed by its filter. */
  private statusQuery(list: StatusList) {
    const narrowed = cohortFilterExpression(list.filter);
    return {
      TableName: this.tableName('applications'),
      IndexName: byStatus.indexName,
      KeyConditionExpression: '#partition = :partition',
      ...narrowed,
      ExpressionAttributeNames: { '#partition': byStatus.partitionKey.name, ...narrowed.ExpressionAttributeNames },
      ExpressionAttributeValues: { ':partition': statusPartitionOf(list.tenantId, list.status, list.birthYear), ...narrowed.ExpressionAttributeValues } as Record<string, unknown>,
    };
  }

  /**
   * A new application in a unit of work: the child's active-application guard (refused: the child
   * waits in the tenant already) and the application at version 1 (refused: its id is taken).
   */
  registration(application: Application): DynamoWriteIntent[] {
    const item: StoredApplication = {
      ...application,
      version: 1,
      history: application.history ?? [],
      ...indexKeysOf(application),
      ...searchKeysOf(application),
    };
    const guard: TransactItem = {
      Put: {
        TableName: this.tableName('constraints'),
        Item: { constraintId: activeChildConstraint(application.tenantId, application.childIin), applicationId: application.applicationId },
        ConditionExpression: 'attribute_not_exists(constraintId)',
      },
    };
    const stored: TransactItem = { Put: { TableName: this.tableName('applications'), Item: item, ConditionExpression: 'attribute_not_exists(applicationId)' } };
    return [
      { store: 'applications', items: () => [guard], refusal: { rank: 1, error: () => new ChildAlreadyQueuedError(undefined) } },
      { store: 'applications', items: () => [stored], refusal: { rank: 2, error: () => new ConcurrentChangeError('the application id exists already') } },
    ];
  }

  transitions(changes: readonly { application: Application; plan: TransitionPlan }[]): DynamoWriteIntent[] {
    return changes.map(({ application, plan }) => ({
      store: 'applications',
      items: () => [
        this.transitionUpdate(application, plan),
        ...(plan.releasesChild ? [{ Delete: { TableName: this.tableName('constraints'), Key: { constraintId: activeChildConstraint(application.tenantId, application.childIin) } } }] : []),
      ],
      refusal: { rank: 2, error: () => new ConcurrentChangeError(application.applicationId) },
    }));
  }

  /** The application's conditional update: on the status and version it was read with. */
  private transitionUpdate(application: Application, plan: TransitionPlan): TransactItem {
    const names: Record<string, string> = { '#status': 'status', '#version': 'version', '#history': 'history' };
    const values: Record<string, unknown> = {
      ':from': plan.from,
      ':nextVersion': (application.version ?? 0) + 1,
      ':event': [plan.event],
      ':empty': [],
    };
    const sets = ['#version = :nextVersion', '#history = list_append(if_not_exists(#history, :empty), :event)'];
    const removes: string[] = [];
    for (const [field, value] of Object.entries(plan.set)) {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    for (const field of plan.remove) {
      names[`#${field}`] = field;
      removes.push(`#${field}`);
    }
    if (plan.queue === 'joins') {
      const keys = queueKeysOf(application);
      Object.assign(names, { '#qp': 'queuePartition', '#qs': 'queueSortKey', '#sp': 'statusPartition' });
      Object.assign(values, { ':qp': keys.queuePartition, ':qs': keys.queueSortKey });
      sets.push('#qp = :qp', '#qs = :qs');
      removes.push('#sp');
    } else if (plan.queue === 'leaves') {
      Object.assign(names, { '#qp': 'queuePartition', '#qs': 'queueSortKey', '#position': 'position', '#chances': 'placeChances' });
      removes.push('#qp', '#qs', '#position', '#chances');
    }
    const keys = indexKeysOf(application, plan.to);
    if ('statusPartition' in keys && plan.to !== plan.from) {
      // Leaving the queue or moving between other statuses: the status list it now belongs to.
      Object.assign(names, { '#sp': 'statusPartition' });
      Object.assign(values, { ':sp': keys.statusPartition });
      sets.push('#sp = :sp');
    }
    // Seeded and imported applications start without a version; the first transition adds it.
    const versionCondition = application.version === undefined ? 'attribute_not_exists(#version)' : '#version = :version';
    if (application.version !== undefined) values[':version'] = application.version;
    return {
      Update: {
        TableName: this.tableName('applications'),
        Key: { applicationId: application.applicationId },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: `#status = :from AND ${versionCondition}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /**
   * A page of a campaign's pending applications from one pending-index partition at a time: the
   * 16 shards in order, then the unsharded key applications marked before the index was sharded
   * carry. The cursor is `<partition number>/<last application id>` (opaque to callers).
   */
  async pendingPage(tenantId: string, campaignId: string, startAfter?: string, limit = 100): Promise<{ applications: Application[]; next?: string }> {
    const partitions = pendingPartitions(tenantId, campaignId);
    const slash = startAfter?.indexOf('/') ?? -1;
    let partition = startAfter && slash > 0 ? Number(startAfter.slice(0, slash)) : 0;
    let after = startAfter && slash > 0 ? startAfter.slice(slash + 1) : undefined;
    while (partition < partitions.length) {
      const key = partitions[partition]!;
      const page = await this.client.send(
        new QueryCommand({
          ...this.pendingQuery(key),
          Limit: limit,
          ...(after && { ExclusiveStartKey: { applicationId: after, pendingCampaign: key } }),
        }),
      );
      const items = (page.Items ?? []).map(withoutIndexKeys);
      const last = page.LastEvaluatedKey?.applicationId as string | undefined;
      if (last) {
        if (items.length > 0) return { applications: items, next: `${partition}/${last}` };
        after = last;
        continue;
      }
      partition++;
      after = undefined;
      // An empty shard costs one Query and moves on; a page with items goes back to the caller.
      if (items.length > 0) return { applications: items, ...(partition < partitions.length && { next: `${partition}/` }) };
    }
    return { applications: [] };
  }

  /** The Query over one pending-index partition of a campaign (the sparse index). */
  private pendingQuery(pendingCampaign: string) {
    return {
      TableName: this.tableName('applications'),
      IndexName: byPending.indexName,
      KeyConditionExpression: '#pending = :pending',
      ExpressionAttributeNames: { '#pending': byPending.partitionKey.name },
      ExpressionAttributeValues: { ':pending': pendingCampaign },
    };
  }

  async countPending(tenantId: string, campaignId: string): Promise<number> {
    let count = 0;
    for (const partition of pendingPartitions(tenantId, campaignId)) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(new QueryCommand({ ...this.pendingQuery(partition), Select: 'COUNT', ExclusiveStartKey: startKey }));
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return count;
  }

  async clearPending(applicationId: string, pendingCampaign: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName('applications'),
          Key: { applicationId },
          UpdateExpression: 'REMOVE #pending',
          ConditionExpression: '#pending = :pending',
          ExpressionAttributeNames: { '#pending': 'pendingCampaign' },
          ExpressionAttributeValues: { ':pending': pendingCampaign },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async markPending(tenantId: string, campaignId: string, applications: readonly Pick<Application, 'applicationId' | 'version'>[]): Promise<number> {
    let marked = 0;
    await forEachLimited(applications, 16, async ({ applicationId, version }) => {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName('applications'),
            Key: { applicationId },
            UpdateExpression: 'SET #pending = :pending',
            // Only as the scope read it: still queued and unchanged since. A parent who confirmed
            // while a slow start was still marking (or a re-run of the start) stays confirmed.
            ConditionExpression: `#status = :queued AND ${version === undefined ? 'attribute_not_exists(#version)' : '#version = :version'}`,
            ExpressionAttributeNames: { '#pending': 'pendingCampaign', '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: { ':pending': pendingIndexKey(tenantId, campaignId, pendingShardOf(applicationId)), ':queued': 'queued', ...(version !== undefined && { ':version': version }) },
          }),
        );
        marked++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    });
    return marked;
  }

  async existingIds(applicationIds: readonly string[]): Promise<Set<string>> {
    const found = await getAll(this.client, this.tableName('applications'), applicationIds.map((applicationId) => ({ applicationId })), ['applicationId']);
    return new Set(found.map((item) => item.applicationId as string));
  }

  async activeApplicationsOfChildren(tenantId: string, childIins: readonly string[]): Promise<Map<string, string>> {
    const byConstraint = new Map(childIins.map((iin) => [activeChildConstraint(tenantId, iin), iin]));
    const found = await getAll(this.client, this.tableName('constraints'), [...byConstraint.keys()].map((constraintId) => ({ constraintId })));
    return new Map(found.map((item) => [byConstraint.get(item.constraintId as string)!, item.applicationId as string]));
  }

  async importMany(applications: readonly Application[], onProgress?: (written: number) => void): Promise<void> {
    // Guards first, then applications: a crash in between leaves guards that point at the
    // ids the re-run writes, never an application without its guard.
    await putAll(
      this.client,
      this.tableName('constraints'),
      applications.map((application) => ({ constraintId: activeChildConstraint(application.tenantId, application.childIin), applicationId: application.applicationId })),
    );
    await putAll(
      this.client,
      this.tableName('applications'),
      applications.map((application) => ({ ...application, ...indexKeysOf(application), ...searchKeysOf(application) })),
      { onProgress },
    );
  }

  /**
   * An event appended to the application's history in a unit of work, whatever its status (an
   * append, not a transition: it need not wait for, nor undo, a status change racing it), only while
   * it is still the tenant's and the applicant's it was read as.
   */
  historyEvent(application: Application, event: HistoryEvent): DynamoWriteIntent {
    const item: TransactItem = {
      Update: {
        TableName: this.tableName('applications'),
        Key: { applicationId: application.applicationId },
        UpdateExpression: 'SET #history = list_append(if_not_exists(#history, :empty), :event)',
        ConditionExpression: '#tenant = :tenant AND #applicant = :applicant',
        ExpressionAttributeNames: { '#history': 'history', '#tenant': 'tenantId', '#applicant': 'applicantIin' },
        ExpressionAttributeValues: { ':event': [event], ':empty': [], ':tenant': application.tenantId, ':applicant': application.applicantIin },
      },
    };
    return { store: 'applications', items: () => [item], refusal: { rank: 2, error: () => new ConcurrentChangeError(application.applicationId) } };
  }

  async writePositions(writes: readonly PositionWrite[]): Promise<number> {
    return this.conditionalUpdates(writes, (write) => ({
      Key: { applicationId: write.applicationId },
      UpdateExpression: 'SET #position = :to, #log = :log',
      // Only while still queued, and only over the position this computation started from.
      ConditionExpression:
        write.expected === undefined
          ? 'attribute_exists(#qp) AND attribute_not_exists(#position)'
          : 'attribute_exists(#qp) AND #position = :expected',
      ExpressionAttributeNames: { '#position': 'position', '#log': 'positionLog', '#qp': 'queuePartition' },
      ExpressionAttributeValues: {
        ':to': write.change.to,
        ':log': write.log,
        ...(write.expected !== undefined && { ':expected': write.expected }),
      },
    }));
  }

  async writePlaceChances(writes: readonly PlaceChanceWrite[]): Promise<number> {
    return this.conditionalUpdates(writes, (write) => ({
      Key: { applicationId: write.applicationId },
      UpdateExpression: 'SET #chances = :chances',
      // Only while still queued: a child who left the queue has no chance to show.
      ConditionExpression: 'attribute_exists(#qp)',
      ExpressionAttributeNames: { '#chances': 'placeChances', '#qp': 'queuePartition' },
      ExpressionAttributeValues: { ':chances': write.placeChances },
    }));
  }

  /**
   * One conditional update per write on the applications table, 16 at a time (a cohort may move
   * thousands at once); a write whose condition no longer holds is skipped. Answers how many landed.
   */
  private async conditionalUpdates<W>(writes: readonly W[], update: (write: W) => Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>): Promise<number> {
    let written = 0;
    await forEachLimited(writes, 16, async (write) => {
      try {
        await this.client.send(new UpdateCommand({ ...update(write), TableName: this.tableName('applications') }));
        written++;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    });
    return written;
  }

  private async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName('applications'), ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}
