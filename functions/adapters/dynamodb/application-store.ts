import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AgeGroup, Application } from '#domain/application';
import type { TransitionPlan } from '#domain/application-lifecycle';
import { ChildAlreadyQueuedError, ConcurrentChangeError, NoFreePlaceError } from '#domain/errors';
import { pendingKey } from '#domain/campaign';
import type { Notification } from '#domain/notification';
import type { ApplicationStore, CampaignCounter, PositionWrite, SharedNotice, SurveyWrite } from '#ports/stores';
import { tables, type TableKey } from '#functions/tables';
import { runTransaction } from './transactions.ts';
import { getAll } from './batch-get.ts';
import { putAll } from './batch-write.ts';
import { forEachLimited } from '#functions/concurrency';

const byApplicant = tables.applications.indexes[0];
const byQueue = tables.applications.indexes[1];
const byPending = tables.applications.indexes[2];

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** Attributes that exist for indexes only; domain objects never see them. */
type StoredApplication = Application & { queuePartition?: string; queueSortKey?: string };

/** `<tenantId>#<birth year>`: one queue per tenant and birth-year cohort (SPEC rule 11). */
export const queuePartitionOf = (tenantId: string, birthYear: number) => `${tenantId}#${birthYear}`;

/** The queue keys an application carries while it is queued. */
export function queueKeysOf(application: Application): { queuePartition: string; queueSortKey: string } {
  return {
    queuePartition: queuePartitionOf(application.tenantId, Number(application.birthDate.slice(0, 4))),
    queueSortKey: `${application.registeredAt}#${application.applicationId}`,
  };
}

export const activeChildConstraint = (tenantId: string, childIin: string) => `active-child#${tenantId}#${childIin}`;

function withoutIndexKeys(item: Record<string, unknown>): Application {
  const { queuePartition: _p, queueSortKey: _s, ...application } = item as unknown as StoredApplication;
  return application;
}

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

  async queueOf(tenantId: string, birthYear: number): Promise<Application[]> {
    return (
      await this.queryAll({
        IndexName: byQueue.indexName,
        KeyConditionExpression: '#partition = :partition',
        ExpressionAttributeNames: { '#partition': byQueue.partitionKey.name },
        ExpressionAttributeValues: { ':partition': queuePartitionOf(tenantId, birthYear) },
      })
    ).map(withoutIndexKeys);
  }

  async register(application: Application, notification: Notification): Promise<void> {
    const constraintId = activeChildConstraint(application.tenantId, application.childIin);
    const item: StoredApplication = {
      ...application,
      version: 1,
      history: application.history ?? [],
      ...(application.status === 'queued' && queueKeysOf(application)),
    };
    await runTransaction(
      () =>
        this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName('constraints'),
                  Item: { constraintId, applicationId: application.applicationId },
                  ConditionExpression: 'attribute_not_exists(constraintId)',
                },
              },
              { Put: { TableName: this.tableName('applications'), Item: item, ConditionExpression: 'attribute_not_exists(applicationId)' } },
              { Put: { TableName: this.tableName('notifications'), Item: notification } },
            ],
          }),
        ),
      (failed) => {
        if (failed.includes(0)) throw new ChildAlreadyQueuedError(undefined);
        throw new ConcurrentChangeError('the application id exists already');
      },
    );
  }

  async applyTransition(application: Application, plan: TransitionPlan, notification: Notification, placeAgeGroup?: AgeGroup): Promise<Application> {
    const [updated] = await this.applyTransitions([{ application, plan, placeAgeGroup }], [notification]);
    return updated!;
  }

  async applyTransitions(
    changes: readonly { application: Application; plan: TransitionPlan; placeAgeGroup?: AgeGroup }[],
    notifications: readonly Notification[],
    counter?: CampaignCounter,
    sharedNotice?: SharedNotice,
    survey?: SurveyWrite,
  ): Promise<Application[]> {
    const transactItems: TransactItem[] = [];
    const placeIndexes = new Set<number>();
    for (const { application, plan, placeAgeGroup } of changes) {
      transactItems.push(this.transitionUpdate(application, plan));
      if (plan.place && placeAgeGroup) {
        placeIndexes.add(transactItems.length);
        transactItems.push(this.placeUpdate(application.tenantId, plan.place, placeAgeGroup));
      }
      if (plan.releasesChild) {
        transactItems.push({
          Delete: { TableName: this.tableName('constraints'), Key: { constraintId: activeChildConstraint(application.tenantId, application.childIin) } },
        });
      }
    }
    for (const notification of notifications) {
      transactItems.push({ Put: { TableName: this.tableName('notifications'), Item: notification, ConditionExpression: 'attribute_not_exists(notificationId)' } });
    }
    if (sharedNotice) {
      const { recipientIin, notificationId, ...fields } = sharedNotice.notification;
      const entries = Object.entries(fields);
      transactItems.push({
        Update: {
          TableName: this.tableName('notifications'),
          Key: { recipientIin, notificationId },
          // Created by the first application, extended by each next one; ADD to a set is idempotent.
          UpdateExpression: `SET ${entries.map(([field]) => `#${field} = if_not_exists(#${field}, :${field})`).join(', ')} ADD #applications :application`,
          ExpressionAttributeNames: { ...Object.fromEntries(entries.map(([field]) => [`#${field}`, field])), '#applications': 'applicationIds' },
          ExpressionAttributeValues: { ...Object.fromEntries(entries.map(([field, value]) => [`:${field}`, value])), ':application': new Set([sharedNotice.applicationId]) },
        },
      });
    }
    let answerIndex = -1;
    if (survey) {
      answerIndex = transactItems.length;
      transactItems.push({
        Put: {
          TableName: this.tableName('answers'),
          Item: {
            campaignKey: survey.campaignKey,
            applicantIin: survey.applicantIin,
            answer: survey.answer,
            version: survey.version,
            submittedAt: survey.submittedAt,
            validUntil: survey.validUntil,
            revision: (survey.replacesRevision ?? 0) + 1,
          },
          // Replaces exactly the answer it was computed against: a concurrent submission (or a
          // retry of this one that already landed) fails here and changes nothing.
          ConditionExpression: survey.replacesRevision === undefined ? 'attribute_not_exists(applicantIin)' : 'revision = :revision',
          ...(survey.replacesRevision !== undefined && { ExpressionAttributeValues: { ':revision': survey.replacesRevision } }),
        },
      });
      for (const [key, delta] of survey.counterDeltas) {
        transactItems.push({
          Update: {
            TableName: this.tableName('aggregates'),
            Key: { campaignKey: survey.campaignKey, counter: key },
            UpdateExpression: 'ADD #count :delta',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':delta': delta },
          },
        });
      }
    }
    if (counter) {
      transactItems.push({
        Update: {
          TableName: this.tableName('campaigns'),
          Key: { tenantId: counter.tenantId, campaignId: counter.campaignId },
          UpdateExpression: 'ADD #counts.#field :delta',
          ExpressionAttributeNames: { '#counts': 'counts', '#field': counter.field },
          ExpressionAttributeValues: { ':delta': counter.delta },
        },
      });
    }
    await runTransaction(
      () => this.client.send(new TransactWriteCommand({ TransactItems: transactItems })),
      (failed) => {
        if (failed.some((index) => placeIndexes.has(index))) throw new NoFreePlaceError('no free place');
        if (failed.includes(answerIndex)) throw new ConcurrentChangeError('the answer changed meanwhile');
        throw new ConcurrentChangeError(changes.map((c) => c.application.applicationId).join(','));
      },
    );
    return changes.map(({ application, plan }) => {
      const updated: Record<string, unknown> = {
        ...application,
        ...plan.set,
        version: (application.version ?? 0) + 1,
        history: [...(application.history ?? []), plan.event],
      };
      for (const field of plan.remove) delete updated[field];
      if (plan.queue === 'leaves') delete updated.position;
      return updated as unknown as Application;
    });
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
      Object.assign(names, { '#qp': 'queuePartition', '#qs': 'queueSortKey' });
      Object.assign(values, { ':qp': keys.queuePartition, ':qs': keys.queueSortKey });
      sets.push('#qp = :qp', '#qs = :qs');
    } else if (plan.queue === 'leaves') {
      Object.assign(names, { '#qp': 'queuePartition', '#qs': 'queueSortKey', '#position': 'position' });
      removes.push('#qp', '#qs', '#position');
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

  /** A kindergarten place taken (only if one is free) or given back (never below zero). */
  private placeUpdate(tenantId: string, place: NonNullable<TransitionPlan['place']>, group: AgeGroup): TransactItem {
    return {
      Update: {
        TableName: this.tableName('kindergartens'),
        Key: { tenantId, kindergartenId: place.kindergartenId },
        UpdateExpression: 'SET #occupancy.#group = #occupancy.#group + :delta',
        ConditionExpression: place.delta > 0 ? '#occupancy.#group < #capacity.#group' : '#occupancy.#group > :zero',
        ExpressionAttributeNames: { '#group': group, '#occupancy': 'occupancy', ...(place.delta > 0 && { '#capacity': 'capacity' }) },
        ExpressionAttributeValues: { ':delta': place.delta, ...(place.delta < 0 && { ':zero': 0 }) },
      },
    };
  }

  async pendingPage(tenantId: string, campaignId: string, startAfter?: string, limit = 100): Promise<{ applications: Application[]; next?: string }> {
    const page = await this.client.send(
      new QueryCommand({
        ...this.pendingQuery(tenantId, campaignId),
        Limit: limit,
        ...(startAfter && { ExclusiveStartKey: { applicationId: startAfter, pendingCampaign: pendingKey(tenantId, campaignId) } }),
      }),
    );
    const next = page.LastEvaluatedKey?.applicationId as string | undefined;
    return { applications: (page.Items ?? []).map(withoutIndexKeys), ...(next && { next }) };
  }

  /** The Query over a campaign's pending applications (the sparse index). */
  private pendingQuery(tenantId: string, campaignId: string) {
    return {
      TableName: this.tableName('applications'),
      IndexName: byPending.indexName,
      KeyConditionExpression: '#pending = :pending',
      ExpressionAttributeNames: { '#pending': byPending.partitionKey.name },
      ExpressionAttributeValues: { ':pending': pendingKey(tenantId, campaignId) },
    };
  }

  async countPending(tenantId: string, campaignId: string): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          ...this.pendingQuery(tenantId, campaignId),
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
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

  async markPending(tenantId: string, campaignId: string, applicationIds: readonly string[]): Promise<number> {
    let marked = 0;
    await forEachLimited(applicationIds, 16, async (applicationId) => {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName('applications'),
            Key: { applicationId },
            UpdateExpression: 'SET #pending = :pending',
            // Only while still queued: a change since the scope was read keeps it out.
            ConditionExpression: '#status = :queued',
            ExpressionAttributeNames: { '#pending': 'pendingCampaign', '#status': 'status' },
            ExpressionAttributeValues: { ':pending': pendingKey(tenantId, campaignId), ':queued': 'queued' },
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

  async importMany(items: readonly { application: Application; notification: Notification }[], onProgress?: (written: number) => void): Promise<void> {
    // Guards first, then applications: a crash in between leaves guards that point at the
    // ids the re-run writes, never an application without its guard.
    await putAll(
      this.client,
      this.tableName('constraints'),
      items.map(({ application }) => ({ constraintId: activeChildConstraint(application.tenantId, application.childIin), applicationId: application.applicationId })),
    );
    await putAll(
      this.client,
      this.tableName('applications'),
      items.map(({ application }) => ({ ...application, ...(application.status === 'queued' && queueKeysOf(application)) })),
      { onProgress },
    );
    await putAll(this.client, this.tableName('notifications'), items.map(({ notification }) => ({ ...notification })));
  }

  async writePositions(writes: readonly PositionWrite[]): Promise<number> {
    let written = 0;
    // Bounded concurrency: a cohort may move thousands of positions at once.
    await forEachLimited(writes, 16, async (write) => {
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName('applications'),
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
          }),
        );
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
