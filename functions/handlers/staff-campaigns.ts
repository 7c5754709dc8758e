import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { campaignView } from '#use-cases/campaign-commands';

export const handler = httpHandler('staff-campaigns', async ({ identity }) => ({
  body: { campaigns: (await dependencies().campaigns.list(staffTenant(identity))).map(campaignView) },
}));
