import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import type { JobTask } from '#ports/scheduler';
import { expireReferral } from '#use-cases/referrals';

/** EventBridge Scheduler target (and local scheduler job): the task is the schedule's input. */
export async function handler(task: Extract<JobTask, { kind: 'referral-expiry' }>): Promise<void> {
  const deps = dependencies();
  const outcome = await expireReferral(deps, task, deps.clock());
  logger.info('referral expiry', { applicationId: task.applicationId, outcome });
}
