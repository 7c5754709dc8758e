import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * Runs a transaction and, if DynamoDB cancels it, tells which of its items failed a condition
 * (by index), so the caller can say why in domain terms.
 */
export async function runTransaction(send: () => Promise<unknown>, onConditionFailed: (failedIndexes: number[]) => never): Promise<void> {
  try {
    await send();
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const failed = (error.CancellationReasons ?? []).flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []));
      if (failed.length > 0) onConditionFailed(failed);
    }
    throw error;
  }
}
