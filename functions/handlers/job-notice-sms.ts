import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { jobHandler } from '#functions/jobs/job-handler';
import { sendHeldNoticeSms } from '#use-cases/notice-sms';

/** EventBridge Scheduler target (and local scheduler job): an SMS copy held for the tenant's SMS hours. */
export const handler = jobHandler('notice-sms', async (task) => {
  const deps = dependencies();
  const outcome = await sendHeldNoticeSms(deps, task, deps.clock());
  logger.info('notice sms', { applicationId: task.applicationId, outcome });
});
