import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import type { JobTask } from '#ports/scheduler';
import { restoreAfterReferral } from '#use-cases/referrals';

/** EventBridge Scheduler target (and local scheduler job): the task is the schedule's input. */
export async function handler(task: Extract<JobTask, { kind: 'referral-restore' }>): Promise<void> {
  const deps = dependencies();
  const outcome = await restoreAfterReferral(deps, task, deps.clock());
  logger.info('referral restore', { applicationId: task.applicationId, outcome });
}
