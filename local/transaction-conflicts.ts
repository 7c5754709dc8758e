import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { MiddlewareStack } from '@smithy/types';
import { tables, type TableDefinition, type TableKey } from '#functions/tables';

/**
 * DynamoDB cancels a `TransactWriteItems` that touches an item another transaction is writing at
 * that moment (`TransactionCanceledException`, reason `TransactionConflict`); DynamoDB Local
 * never does, so code that would fail under a crowd in AWS passes every local test. This
 * middleware on the local document client gives the local runtime the same behaviour: a
 * transaction is cancelled when one of its items (table + key) is held by another transaction
 * still in flight, or by one committed less than `windowMs` ago (DynamoDB Local answers much
 * faster than a loaded table's partition, so a short window stands in for the overlap AWS sees).
 */
export interface TransactionConflictOptions {
  /** How long an item stays contended after its transaction committed (0: only while in flight). */
  readonly windowMs: number;
}

export interface TransactionConflictCounts {
  /** Transactions sent through the emulation. */
  readonly transactions: number;
  /** Of those, cancelled with `TransactionConflict`. */
  readonly conflicts: number;
}

type Item = Record<string, unknown>;

/** What AWS answers, to the field: the message lists every item's reason, in order. */
export function transactionConflict(conflicting: readonly boolean[]): TransactionCanceledException {
  const reasons = conflicting.map((conflict) => (conflict ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' }));
  return new TransactionCanceledException({
    message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    CancellationReasons: reasons,
    $metadata: { httpStatusCode: 400 },
  });
}

/** A key attribute's value, marshalled (`{ S: 'x' }`) or not (`'x'`): the middleware may see either. */
function scalar(value: unknown): string {
  if (value && typeof value === 'object') {
    const typed = value as { S?: string; N?: string; B?: unknown };
    return typed.S ?? typed.N ?? JSON.stringify(value);
  }
  return String(value);
}

export class TransactionConflictEmulator {
  private readonly keyNames: Map<string, readonly string[]>;
  /** Items held by transactions in flight (counted: a transaction naming an item twice, which AWS refuses anyway, must not free it early). */
  private readonly held = new Map<string, number>();
  /** Items recently committed, with the time until which they stay contended. */
  private readonly recent = new Map<string, number>();
  private counts = { transactions: 0, conflicts: 0 };
  /** Per table: how many times one of its items was the contended one (what a bench reports). */
  private readonly contendedTables = new Map<string, number>();

  constructor(
    tableNames: Record<TableKey, string>,
    private options: TransactionConflictOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.keyNames = new Map(
      Object.entries(tableNames).map(([key, name]) => {
        const def: TableDefinition = tables[key as TableKey];
        return [name, def.sortKey ? [def.partitionKey.name, def.sortKey.name] : [def.partitionKey.name]];
      }),
    );
  }

  get totals(): TransactionConflictCounts {
    return { ...this.counts };
  }

  /** Changes the window from now on (a test that needs every overlapping transaction refused). */
  configure(options: TransactionConflictOptions): void {
    this.options = options;
  }

  resetTotals(): void {
    this.counts = { transactions: 0, conflicts: 0 };
    this.contendedTables.clear();
  }

  /** Which tables' items the cancelled transactions were contended on, most first. */
  get contended(): [string, number][] {
    return [...this.contendedTables].sort((a, b) => b[1] - a[1]);
  }

  /** The items of a `TransactWriteItems` input, as `table|key…` strings. */
  itemsOf(input: { TransactItems?: readonly Record<string, { TableName?: string; Key?: Item; Item?: Item } | undefined>[] }): string[] {
    return (input.TransactItems ?? []).map((entry) => {
      const operation = entry.Put ?? entry.Update ?? entry.Delete ?? entry.ConditionCheck ?? {};
      const table = operation.TableName ?? '?';
      const source = operation.Key ?? operation.Item ?? {};
      const names = this.keyNames.get(table) ?? Object.keys(source).sort();
      return [table, ...names.map((name) => scalar(source[name]))].join('|');
    });
  }

  /** Runs one transaction under the emulation: cancelled at once on a conflict, else sent and held while in flight. */
  async run<T>(items: readonly string[], send: () => Promise<T>): Promise<T> {
    this.counts.transactions++;
    const at = this.now();
    const conflicting = items.map((item) => this.held.has(item) || (this.recent.get(item) ?? -Infinity) > at);
    if (conflicting.some(Boolean)) {
      this.counts.conflicts++;
      for (const [i, item] of items.entries()) {
        const table = item.slice(0, item.indexOf('|'));
        if (conflicting[i]) this.contendedTables.set(table, (this.contendedTables.get(table) ?? 0) + 1);
      }
      throw transactionConflict(conflicting);
    }
    for (const item of items) this.held.set(item, (this.held.get(item) ?? 0) + 1);
    let committed = false;
    try {
      const result = await send();
      committed = true;
      return result;
    } finally {
      const until = this.now() + this.options.windowMs;
      for (const item of items) {
        const holders = (this.held.get(item) ?? 1) - 1;
        if (holders > 0) this.held.set(item, holders);
        else this.held.delete(item);
        if (committed && this.options.windowMs > 0) this.recent.set(item, until);
      }
      if (this.recent.size > 10_000) this.forgetExpired();
    }
  }

  private forgetExpired(): void {
    const at = this.now();
    for (const [item, until] of this.recent) if (until <= at) this.recent.delete(item);
  }

  /** Adds the emulation to a DynamoDB client's middleware stack (the local runtime's document client). */
  attachTo(stack: MiddlewareStack<any, any>): void {
    stack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
        return this.run(this.itemsOf(args.input as Parameters<TransactionConflictEmulator['itemsOf']>[0]), () => next(args));
      },
      { step: 'initialize', name: 'kezekLocalTransactionConflicts' },
    );
  }
}
