import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffCreateExportRoute } from '#http/routes';
import { describeExport, startExport } from '#use-cases/exports';

export const handler = httpHandler(staffCreateExportRoute, async ({ params, body, identity }) => {
  const deps = dependencies();
  const record = await startExport(deps, { tenantId: staffTenant(identity), campaignId: params.campaignId, kind: body.kind, language: body.language, now: deps.clock() });
  return { body: { export: await describeExport(deps, record) } };
});
