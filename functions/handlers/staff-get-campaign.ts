import { dependencies } from '#adapters/dependencies';
import { NotFoundError } from '#domain/errors';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffGetCampaignRoute } from '#http/routes';
import { campaignView } from '#use-cases/campaign-commands';

export const handler = httpHandler(staffGetCampaignRoute, async ({ params, identity }) => {
  const campaign = await dependencies().campaigns.get(staffTenant(identity), params.campaignId);
  if (!campaign) throw new NotFoundError(params.campaignId);
  return { body: { campaign: campaignView(campaign) } };
});
