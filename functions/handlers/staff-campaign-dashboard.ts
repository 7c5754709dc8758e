import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffCampaignDashboardRoute } from '#http/routes';
import { campaignDashboard } from '#use-cases/dashboard';

/** The map's tile layer is deployment configuration (CDK context `mapTileUrl`); none draws a plain background. */
const map = { tileUrl: process.env.MAP_TILE_URL || null, attribution: process.env.MAP_TILE_ATTRIBUTION || null };

export const handler = httpHandler(staffCampaignDashboardRoute, async ({ params, query, identity }) => ({
  body: await campaignDashboard(dependencies(), { tenantId: staffTenant(identity), campaignId: params.campaignId, filter: query, map }),
}));
