import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffPreviewCampaignRoute } from '#http/routes';
import { readCampaignPreview } from '#use-cases/campaign-preview';

export const handler = httpHandler(staffPreviewCampaignRoute, async ({ params, identity }) => ({
  body: await readCampaignPreview(dependencies(), { tenantId: staffTenant(identity), campaignId: params.campaignId }),
}));
