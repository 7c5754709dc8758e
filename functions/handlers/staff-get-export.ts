import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { exportView } from '#use-cases/exports';

export const handler = httpHandler('staff-get-export', async ({ params, identity }) => ({
  body: { export: await exportView(dependencies(), { tenantId: staffTenant(identity), campaignId: params.campaignId, exportId: params.exportId }) },
}));
