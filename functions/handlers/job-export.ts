import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import type { JobTask } from '#ports/scheduler';
import { runExport } from '#use-cases/exports';

export async function handler(task: Extract<JobTask, { kind: 'export' }>): Promise<void> {
  logger.info('export', { exportId: task.exportId, ...(await runExport(dependencies(), task)) });
}
