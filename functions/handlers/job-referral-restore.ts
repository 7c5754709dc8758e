import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { jobHandler } from '#functions/jobs/job-handler';
import { restoreAfterReferral } from '#use-cases/referrals';

/** EventBridge Scheduler target (and local scheduler job): the task is the schedule's input. */
export const handler = jobHandler('referral-restore', async (task) => {
  const deps = dependencies();
  const outcome = await restoreAfterReferral(deps, task, deps.clock());
  logger.info('referral restore', { applicationId: task.applicationId, outcome });
});
