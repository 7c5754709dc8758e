import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { jobHandler } from '#functions/jobs/job-handler';
import { recomputeCohorts } from '#use-cases/queue-positions';

/** Asynchronous job: moves stored positions after changes (can touch thousands of items). */
export const handler = jobHandler('recompute-positions', async (task, budget) => {
  const deps = dependencies();
  const result = await recomputeCohorts(deps, task, deps.clock(), { budget });
  logger.info('positions recomputed', { tenantId: task.tenantId, birthYears: task.birthYears.join(','), ...result });
});
