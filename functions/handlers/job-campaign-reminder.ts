import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { jobHandler } from '#functions/jobs/job-handler';
import { runCampaignReminder } from '#use-cases/campaign-jobs';

export const handler = jobHandler('campaign-reminder', async (task, budget) => {
  const deps = dependencies();
  logger.info('campaign reminder', { campaignId: task.campaignId, daysBefore: task.daysBefore, ...(await runCampaignReminder(deps, task, deps.clock(), { budget })) });
});
