import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffCancelCampaignRoute } from '#http/routes';
import { campaignView, cancelCampaign } from '#use-cases/campaign-commands';

export const handler = httpHandler(staffCancelCampaignRoute, async ({ params, identity }) => ({
  body: { campaign: campaignView(await cancelCampaign(dependencies(), { tenantId: staffTenant(identity), campaignId: params.campaignId })) },
}));
