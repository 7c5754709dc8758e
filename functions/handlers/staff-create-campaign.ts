import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffCreateCampaignRoute } from '#http/routes';
import { campaignView, createCampaign } from '#use-cases/campaign-commands';

export const handler = httpHandler(staffCreateCampaignRoute, async ({ body, identity }) => {
  const deps = dependencies();
  return { body: { campaign: campaignView(await createCampaign(deps, { ...body, tenantId: staffTenant(identity), now: deps.clock() })) } };
});
