import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { previewCampaign } from '#use-cases/campaigns';

export const handler = httpHandler('staff-preview-campaign', async ({ params, identity }) => ({
  body: await previewCampaign(dependencies(), { tenantId: staffTenant(identity), campaignId: params.campaignId }),
}));
