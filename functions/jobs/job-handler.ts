import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '#adapters/logger';
import { observability } from '#adapters/observability';
import { handOverShare, type JobBudget, type JobKind, type JobTask } from '#ports/scheduler';

/** A job function as Scheduler, an asynchronous Lambda call and the local scheduler invoke it. */
export type JobHandler<K extends JobKind> = (task: Extract<JobTask, { kind: K }>, context: Context) => Promise<void>;

/**
 * The invocation's budget (decision 42): the time left when it began, of which it may use
 * `handOverShare`; read from `getRemainingTimeInMillis()`, which Lambda (and the local job runner)
 * counts down to the function's timeout.
 */
export function budgetOf(context: Pick<Context, 'getRemainingTimeInMillis'>, share = handOverShare): JobBudget {
  const limitMs = context.getRemainingTimeInMillis();
  const handOverBelowMs = limitMs * (1 - share);
  return { handOver: () => context.getRemainingTimeInMillis() <= handOverBelowMs };
}

/**
 * Wires a job's function like every other: Powertools logger, tracer and metrics around `run`,
 * with the job kind on every log line of the invocation. A failure is rethrown, so Lambda retries
 * it and finally sends it to the dead-letter queue. `run` gets the invocation's budget: a job over
 * a city's data hands over to a continuation before it runs long.
 */
export function jobHandler<K extends JobKind>(kind: K, run: (task: Extract<JobTask, { kind: K }>, budget: JobBudget) => Promise<void>): JobHandler<K> {
  return middy<Extract<JobTask, { kind: K }>, void>()
    .use(observability())
    .before(() => {
      logger.appendKeys({ job: kind });
    })
    .handler(async (task, context) => run(task, budgetOf(context)));
}
