import { dependencies } from '#adapters/dependencies';
import { logger } from '#adapters/logger';
import { jobHandler } from '#functions/jobs/job-handler';
import { runExport } from '#use-cases/exports';

/** Asynchronous Lambda call (and local job): writes one export's files and marks it ready. */
export const handler = jobHandler('export', async (task, budget) => {
  logger.info('export', { exportId: task.exportId, ...(await runExport(dependencies(), task, { budget })) });
});
