import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { jobHandler } from '#functions/jobs/job-handler';
import { runCampaignPreview } from '#use-cases/campaign-preview';

export const handler = jobHandler('campaign-preview', async (task, budget) => {
  const deps = dependencies();
  logger.info('campaign preview counted', { campaignId: task.campaignId, ...(await runCampaignPreview(deps, task, deps.clock(), { budget })) });
});
