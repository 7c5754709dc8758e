import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UnitOfWork, WriteIntent } from '#ports/unit-of-work';
import { runTransaction } from './transactions.ts';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** DynamoDB takes at most 100 items in one transaction. */
export const maxTransactionItems = 100;

/** The DynamoDB shape of an intent: its items, and what it means when one of them is refused. */
export interface DynamoWriteIntent extends WriteIntent {
  /** The items for one attempt (1, 2, …): a counter may move to another shard on a retry. */
  readonly items: (attempt: number) => readonly TransactItem[];
  /**
   * The domain error when a condition of one of its items fails. When several intents are
   * refused, the lowest `rank` speaks (no free place before a changed answer before a changed
   * application).
   */
  readonly refusal: { readonly rank: number; readonly error: () => Error };
}

/** The intent of a store that owns a table, checked to be a DynamoDB one. */
function dynamoIntent(intent: WriteIntent): DynamoWriteIntent {
  if (typeof (intent as Partial<DynamoWriteIntent>).items !== 'function') throw new Error(`the ${intent.store} store's intent is not a DynamoDB one`);
  return intent as DynamoWriteIntent;
}

/** One `TransactWriteItems` for all the intents, with each refused item mapped back to its intent. */
export class DynamoUnitOfWork implements UnitOfWork {
  constructor(private readonly client: DynamoDBDocumentClient) {}

  async commit(intents: readonly WriteIntent[]): Promise<void> {
    const parts = intents.map(dynamoIntent);
    if (parts.length === 0) return;
    let owners: DynamoWriteIntent[] = [];
    await runTransaction(
      (attempt) => {
        const items: TransactItem[] = [];
        owners = [];
        for (const part of parts) {
          for (const item of part.items(attempt)) {
            items.push(item);
            owners.push(part);
          }
        }
        if (items.length > maxTransactionItems) throw new Error(`a transaction of ${items.length} items: DynamoDB takes at most ${maxTransactionItems}`);
        return this.client.send(new TransactWriteCommand({ TransactItems: items }));
      },
      (failed) => {
        const refused = failed.map((index) => owners[index]!).sort((a, b) => a.refusal.rank - b.refusal.rank);
        throw refused[0]!.refusal.error();
      },
    );
    for (const part of parts) part.afterCommit?.();
  }
}
