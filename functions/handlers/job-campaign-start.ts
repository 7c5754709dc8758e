import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { jobHandler } from '#functions/jobs/job-handler';
import { runCampaignStart } from '#use-cases/campaign-jobs';

export const handler = jobHandler('campaign-start', async (task, budget) => {
  const deps = dependencies();
  logger.info('campaign started', { campaignId: task.campaignId, ...(await runCampaignStart(deps, task, deps.clock(), { budget })) });
});
