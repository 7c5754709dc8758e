import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffGetExportRoute } from '#http/routes';
import { exportView } from '#use-cases/exports';

export const handler = httpHandler(staffGetExportRoute, async ({ params, identity }) => ({
  body: { export: await exportView(dependencies(), { tenantId: staffTenant(identity), campaignId: params.campaignId, exportId: params.exportId }) },
}));
