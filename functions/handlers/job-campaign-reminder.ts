import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import type { JobTask } from '#ports/scheduler';
import { runCampaignReminder } from '#use-cases/campaigns';

export async function handler(task: Extract<JobTask, { kind: 'campaign-reminder' }>): Promise<void> {
  logger.info('campaign reminder', { campaignId: task.campaignId, daysBefore: task.daysBefore, ...(await runCampaignReminder(dependencies(), task)) });
}
