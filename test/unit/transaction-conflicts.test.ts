import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { TryAgainError } from '#domain/errors';
import { problems } from '#http/problems';
import { retryTransientCancellations, runTransaction } from '#adapters/dynamodb/transactions';
import { localTableNames } from '../../local/tables.ts';
import { TransactionConflictEmulator, transactionConflict } from '../../local/transaction-conflicts.ts';

const tableNames = localTableNames();
const counterUpdate = { Update: { TableName: tableNames.aggregates, Key: { campaignKey: 'temirtau#c-1', counter: 'all' }, UpdateExpression: 'ADD #c :d' } };
const answerPut = (iin: string) => ({ Put: { TableName: tableNames.answers, Item: { campaignKey: 'temirtau#c-1', applicantIin: iin, answer: {} } } });

/** A send that stays in flight until released. */
function pending(): { promise: Promise<string>; release(): void } {
  let release!: () => void;
  const promise = new Promise<string>((resolve) => (release = () => resolve('committed')));
  return { promise, release };
}

describe('the local transaction-conflict emulation', () => {
  it('should cancel a transaction touching an item another transaction in flight writes, with the reasons AWS gives', async () => {
    // Prepare: a first transaction in flight on the counter
    let clock = 0;
    const emulator = new TransactionConflictEmulator(tableNames, { windowMs: 0 }, () => clock);
    const first = pending();
    const running = emulator.run(emulator.itemsOf({ TransactItems: [answerPut('111111111111'), counterUpdate] }), () => first.promise);
    // Act: a second one on another answer and the same counter
    const second = emulator.run(emulator.itemsOf({ TransactItems: [answerPut('222222222222'), counterUpdate] }), async () => 'committed');
    // Assess
    await expect(second).rejects.toBeInstanceOf(TransactionCanceledException);
    await expect(second).rejects.toMatchObject({
      name: 'TransactionCanceledException',
      message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]',
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }],
    });
    first.release();
    await expect(running).resolves.toBe('committed');
    expect(emulator.totals).toEqual({ transactions: 2, conflicts: 1 });
  });

  it('should keep an item contended for the window after its commit, and free it after', async () => {
    // Prepare
    let clock = 1_000;
    const emulator = new TransactionConflictEmulator(tableNames, { windowMs: 20 }, () => clock);
    const items = emulator.itemsOf({ TransactItems: [counterUpdate] });
    await emulator.run(items, async () => 'committed');
    // Act
    clock = 1_019;
    const within = emulator.run(items, async () => 'committed');
    // Assess
    await expect(within).rejects.toMatchObject({ CancellationReasons: [{ Code: 'TransactionConflict' }] });
    clock = 1_020;
    await expect(emulator.run(items, async () => 'committed')).resolves.toBe('committed');
  });

  it('should let transactions on different items through at the same time', async () => {
    const emulator = new TransactionConflictEmulator(tableNames, { windowMs: 50 }, () => 0);
    const first = pending();
    const running = emulator.run(emulator.itemsOf({ TransactItems: [answerPut('111111111111')] }), () => first.promise);
    await expect(emulator.run(emulator.itemsOf({ TransactItems: [answerPut('222222222222')] }), async () => 'committed')).resolves.toBe('committed');
    first.release();
    await running;
  });
});

describe('transactions that keep conflicting', () => {
  it('should be retried until the time budget runs out and then end in TryAgainError (409 "try again" in kk, ru and en), not a 500', async () => {
    // Prepare: every attempt is cancelled for a conflict
    let attempts = 0;
    const send = async () => {
      attempts++;
      throw transactionConflict([false, true]);
    };
    // Act
    const outcome = runTransaction(
      send,
      () => {
        throw new Error('no condition failed');
      },
      300,
    );
    // Assess
    await expect(outcome).rejects.toBeInstanceOf(TryAgainError);
    expect(attempts).toBeGreaterThan(1);
    expect(problems().try_again.status).toBe(409);
    expect(problems().try_again.message.ru).toBe('Сейчас одновременно вносится много изменений, поэтому ничего не сохранено. Повторите через несколько секунд.');
  });

  it('should succeed when a retry gets through, and leave a condition failure to the caller', async () => {
    let attempts = 0;
    await retryTransientCancellations(async () => {
      if (++attempts < 3) throw transactionConflict([true]);
    });
    expect(attempts).toBe(3);
    const conditionFailed = new TransactionCanceledException({ message: 'x', Message: 'x', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'TransactionConflict' }] });
    await expect(retryTransientCancellations(async () => Promise.reject(conditionFailed))).rejects.toBe(conditionFailed);
  });
});
