import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { campaignView, cancelCampaign } from '#use-cases/campaign-commands';

export const handler = httpHandler('staff-cancel-campaign', async ({ params, identity }) => ({
  body: { campaign: campaignView(await cancelCampaign(dependencies(), { tenantId: staffTenant(identity), campaignId: params.campaignId })) },
}));
