import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { jobHandler } from '#functions/jobs/job-handler';
import { expireReferral } from '#use-cases/referrals';

/** EventBridge Scheduler target (and local scheduler job): the task is the schedule's input. */
export const handler = jobHandler('referral-expiry', async (task) => {
  const deps = dependencies();
  const outcome = await expireReferral(deps, task, deps.clock());
  logger.info('referral expiry', { applicationId: task.applicationId, outcome });
});
