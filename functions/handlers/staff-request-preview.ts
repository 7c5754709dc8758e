import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffRequestPreviewRoute } from '#http/routes';
import { requestCampaignPreview } from '#use-cases/campaign-preview';

export const handler = httpHandler(staffRequestPreviewRoute, async ({ params, identity }) => {
  const deps = dependencies();
  return { body: await requestCampaignPreview(deps, { tenantId: staffTenant(identity), campaignId: params.campaignId, now: deps.clock() }) };
});
