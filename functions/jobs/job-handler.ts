import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '#adapters/logger';
import { observability } from '#adapters/observability';
import type { JobKind, JobTask } from '#ports/scheduler';

/** A job function as Scheduler, an asynchronous Lambda call and the local scheduler invoke it. */
export type JobHandler<K extends JobKind> = (task: Extract<JobTask, { kind: K }>, context: Context) => Promise<void>;

/**
 * Wires a job's function like every other: Powertools logger, tracer and metrics around `run`,
 * with the job kind on every log line of the invocation. A failure is rethrown, so Lambda retries
 * it and finally sends it to the dead-letter queue.
 */
export function jobHandler<K extends JobKind>(kind: K, run: (task: Extract<JobTask, { kind: K }>) => Promise<void>): JobHandler<K> {
  return middy<Extract<JobTask, { kind: K }>, void>()
    .use(observability())
    .before(() => {
      logger.appendKeys({ job: kind });
    })
    .handler(async (task) => run(task));
}
