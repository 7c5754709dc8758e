import { AsyncLocalStorage } from 'node:async_hooks';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, AuditFilter, AuditPage } from '#domain/audit';
import type { AuditTrail } from '#ports/audit';

/** DynamoDB takes at most 100 items in one transaction; an event that would not fit is appended after. */
const maxTransactItems = 100;

interface Carrying {
  readonly event: () => AuditEvent;
  readonly tableName: string;
  /** A transaction with the event is on its way (retries of it carry it again, others do not). */
  inFlight: boolean;
  carried: boolean;
}

const carrying = new AsyncLocalStorage<Carrying>();

type StoredEvent = AuditEvent & { eventKey: string; actorKey: string; recordKey?: string };

function stored(event: AuditEvent): StoredEvent {
  return {
    ...event,
    eventKey: `${event.at}#${event.eventId}`,
    actorKey: `${event.tenantId}#${event.actor.accountId}`,
    ...(event.record && { recordKey: `${event.tenantId}#${event.record.type}#${event.record.id}` }),
  };
}

function fromStored(item: Record<string, unknown>): AuditEvent {
  const { tenantId, eventId, at, actor, action, record, outcome } = item as unknown as AuditEvent;
  return { tenantId, eventId, at, actor, action, ...(record && { record }), outcome };
}

const putOf = (tableName: string, item: StoredEvent) => ({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(eventKey)' });

const registered = new WeakSet<object>();

/**
 * Adds the pending event's Put to the first `TransactWriteItems` sent inside `carried`. It runs
 * before any other middleware of the client's `initialize` step (the local grant check sees it
 * too), on the document client's still unmarshalled input.
 */
function carryInTransactions(client: DynamoDBDocumentClient): void {
  if (registered.has(client.middlewareStack)) return;
  registered.add(client.middlewareStack);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const pending = carrying.getStore();
      const input = args.input as { TransactItems?: unknown[] };
      if (!pending || pending.carried || pending.inFlight || context.commandName !== 'TransactWriteItemsCommand') return next(args);
      if (!input.TransactItems || input.TransactItems.length >= maxTransactItems) return next(args);
      pending.inFlight = true;
      try {
        const result = await next({ ...args, input: { ...input, TransactItems: [...input.TransactItems, { Put: putOf(pending.tableName, stored(pending.event())) }] } });
        pending.carried = true;
        return result;
      } finally {
        pending.inFlight = false;
      }
    },
    { step: 'initialize', priority: 'high', name: 'kezekAuditCarrier', override: true },
  );
}

export class DynamoAuditStore implements AuditTrail {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    carryInTransactions(client);
  }

  async carried<T>(event: () => AuditEvent, work: () => Promise<T>): Promise<{ value: T; carried: boolean }> {
    const pending: Carrying = { event, tableName: this.tableName, inFlight: false, carried: false };
    const value = await carrying.run(pending, work);
    return { value, carried: pending.carried };
  }

  async append(event: AuditEvent): Promise<void> {
    await this.client.send(new PutCommand(putOf(this.tableName, stored(event))));
  }

  async list(tenantId: string, filter: AuditFilter, limit: number, after?: string): Promise<AuditPage> {
    const [indexName, partition, value] = filter.accountId
      ? ['byActor', 'actorKey', `${tenantId}#${filter.accountId}`]
      : filter.record
        ? ['byRecord', 'recordKey', `${tenantId}#${filter.record.type}#${filter.record.id}`]
        : [undefined, 'tenantId', tenantId];
    const names: Record<string, string> = { '#p': partition, ...((filter.from || filter.to) && { '#k': 'eventKey' }) };
    const values: Record<string, unknown> = { ':p': value };
    let range = '';
    if (filter.from && filter.to) {
      range = ' AND #k BETWEEN :from AND :to';
    } else if (filter.from) {
      range = ' AND #k >= :from';
    } else if (filter.to) {
      range = ' AND #k <= :to';
    }
    if (filter.from) values[':from'] = filter.from;
    // `<to>#` sorts before any `<to>#<id>` ending in a later time; `~` after every id character.
    if (filter.to) values[':to'] = `${filter.to}~`;
    const filters: string[] = [];
    if (filter.action) {
      names['#action'] = 'action';
      values[':action'] = filter.action;
      filters.push('#action = :action');
    }
    // The person's index also holds events about other records, and the record's index those of other people.
    if (filter.accountId && filter.record) {
      names['#recordKey'] = 'recordKey';
      values[':recordKey'] = `${tenantId}#${filter.record.type}#${filter.record.id}`;
      filters.push('#recordKey = :recordKey');
    }
    const startKey = after ? { tenantId, eventKey: after, ...(indexName === 'byActor' && { actorKey: value }), ...(indexName === 'byRecord' && { recordKey: value }) } : undefined;
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        ...(indexName && { IndexName: indexName }),
        KeyConditionExpression: `#p = :p${range}`,
        ...(filters.length > 0 && { FilterExpression: filters.join(' AND ') }),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: limit,
        ...(startKey && { ExclusiveStartKey: startKey }),
      }),
    );
    return { events: Items.map(fromStored), ...(LastEvaluatedKey && { next: LastEvaluatedKey.eventKey as string }) };
  }
}
