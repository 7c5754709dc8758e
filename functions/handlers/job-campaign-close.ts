import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import type { JobTask } from '#ports/scheduler';
import { runCampaignClose } from '#use-cases/campaigns';

export async function handler(task: Extract<JobTask, { kind: 'campaign-close' }>): Promise<void> {
  const deps = dependencies();
  logger.info('campaign close', { campaignId: task.campaignId, mode: task.mode, ...(await runCampaignClose(deps, task, deps.clock())) });
}
