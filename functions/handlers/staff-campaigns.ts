import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffCampaignsRoute } from '#http/routes';
import { campaignView } from '#use-cases/campaign-commands';

export const handler = httpHandler(staffCampaignsRoute, async ({ identity }) => ({
  body: { campaigns: (await dependencies().campaigns.list(staffTenant(identity))).map(campaignView) },
}));
