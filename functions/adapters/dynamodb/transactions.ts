import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TryAgainError } from '#domain/errors';

/** Cancellation reasons that are about timing, not about the data: the same transaction may simply be sent again. */
const transientReasons = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);
/**
 * How long a request keeps retrying a contended transaction: well inside a request function's
 * 10 s timeout (API Gateway would answer a timed-out function with a bare 500), long enough for a
 * crowd on one counter to get through one after another.
 */
const retryBudgetMs = 6_000;
const maxAttempts = 40;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isTransient(error: TransactionCanceledException): boolean {
  const reasons = error.CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code && transientReasons.has(reason.Code)) && !reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
}

/**
 * Sends a transaction again while DynamoDB cancels it only for transient reasons (another
 * transaction on the same item at that moment, e.g. a hot counter at a campaign's start, or
 * throttling), with full-jitter exponential backoff (capped at 0.5 s, within a time budget): the SDK does not retry cancellations itself,
 * and the conditions make a repeat safe. `send` gets the attempt's number (1, 2, …), so a
 * transaction may spread a retry onto other items (a counter's next shard). When the attempts run out the caller gets
 * `TryAgainError` (409 "try again"), never a 500. Any other cancellation is rethrown as is.
 */
export async function retryTransientCancellations(send: (attempt: number) => Promise<unknown>, budgetMs = retryBudgetMs): Promise<void> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await send(attempt);
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || !isTransient(error)) throw error;
      const wait = Math.random() * Math.min(500, 20 * 2 ** attempt);
      if (attempt >= maxAttempts || Date.now() + wait > deadline) throw new TryAgainError(`transaction cancelled ${attempt} times for transient reasons`);
      await pause(wait);
    }
  }
}

/**
 * Runs a transaction (retrying transient cancellations, see above) and, if DynamoDB cancels it
 * on a condition, tells which of its items failed (by index), so the caller can say why in
 * domain terms.
 */
export async function runTransaction(send: (attempt: number) => Promise<unknown>, onConditionFailed: (failedIndexes: number[]) => never, budgetMs = retryBudgetMs): Promise<void> {
  try {
    await retryTransientCancellations(send, budgetMs);
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const failed = (error.CancellationReasons ?? []).flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []));
    if (failed.length > 0) onConditionFailed(failed);
    throw error;
  }
}
