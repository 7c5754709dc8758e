import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffStartCampaignRoute } from '#http/routes';
import { campaignView, startCampaign } from '#use-cases/campaign-commands';

export const handler = httpHandler(staffStartCampaignRoute, async ({ params, identity }) => {
  const deps = dependencies();
  return { body: { campaign: campaignView(await startCampaign(deps, { tenantId: staffTenant(identity), campaignId: params.campaignId, now: deps.clock() })) } };
});
