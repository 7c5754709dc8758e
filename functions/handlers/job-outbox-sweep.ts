import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { jobHandler } from '#functions/jobs/job-handler';
import { sweepOutbox } from '#use-cases/notice-sms';

/** The outbox sweeper (decision 55): deliveries still queued long after their notice was written are enqueued again. */
export const handler = jobHandler('outbox-sweep', async (task, budget) => {
  const deps = dependencies();
  const { kind: _kind, ...rest } = task;
  const result = await sweepOutbox(deps, rest, deps.clock(), budget);
  logger.info('outbox sweep', { ...result, shard: task.part?.shard ?? 0 });
});
