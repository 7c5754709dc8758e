import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** Cancellation reasons that are about timing, not about the data: the same transaction may simply be sent again. */
const transientReasons = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);
const maxAttempts = 8;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a transaction and, if DynamoDB cancels it, tells which of its items failed a condition
 * (by index), so the caller can say why in domain terms. A cancellation only for transient
 * reasons (another transaction on the same item at that moment, e.g. a hot counter at a
 * campaign's start, or throttling) is retried with jittered backoff: the SDK does not retry
 * cancellations itself, and the conditions make a repeat safe.
 */
export async function runTransaction(send: () => Promise<unknown>, onConditionFailed: (failedIndexes: number[]) => never): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []));
      if (failed.length > 0) onConditionFailed(failed);
      const transient = reasons.some((reason) => reason.Code && transientReasons.has(reason.Code));
      if (!transient || attempt >= maxAttempts) throw error;
      await pause(Math.random() * Math.min(1000, 20 * 2 ** attempt));
    }
  }
}
