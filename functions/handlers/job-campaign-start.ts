import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import type { JobTask } from '#ports/scheduler';
import { runCampaignStart } from '#use-cases/campaigns';

export async function handler(task: Extract<JobTask, { kind: 'campaign-start' }>): Promise<void> {
  const deps = dependencies();
  logger.info('campaign started', { campaignId: task.campaignId, ...(await runCampaignStart(deps, task, deps.clock())) });
}
