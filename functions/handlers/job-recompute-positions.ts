import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import type { JobTask } from '#ports/scheduler';
import { recomputeCohorts } from '#use-cases/queue-positions';

/** Asynchronous job: moves stored positions after changes (can touch thousands of items). */
export async function handler(task: Extract<JobTask, { kind: 'recompute-positions' }>): Promise<void> {
  const deps = dependencies();
  const result = await recomputeCohorts(deps, task, deps.clock());
  logger.info('positions recomputed', { tenantId: task.tenantId, birthYears: task.birthYears.join(','), ...result });
}
