import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { metrics, MetricUnit } from '#adapters/metrics';
import { jobHandler } from '#functions/jobs/job-handler';
import { runCampaignClose } from '#use-cases/campaign-jobs';

export const handler = jobHandler('campaign-close', async (task, budget) => {
  const deps = dependencies();
  const result = await runCampaignClose(deps, task, deps.clock(), { budget });
  metrics.addMetric('ApplicationsStopped', MetricUnit.Count, result.stopped);
  logger.info('campaign close', { campaignId: task.campaignId, mode: task.mode, ...result });
});
