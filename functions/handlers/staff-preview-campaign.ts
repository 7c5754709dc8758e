import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { readCampaignPreview } from '#use-cases/campaign-preview';

export const handler = httpHandler('staff-preview-campaign', async ({ params, identity }) => ({
  body: await readCampaignPreview(dependencies(), { tenantId: staffTenant(identity), campaignId: params.campaignId }),
}));
