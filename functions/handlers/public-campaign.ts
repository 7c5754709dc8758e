import { dependencies } from '#adapters/dependencies';
import { httpHandler } from '#http/http-handler';
import { publicCampaignRoute } from '#http/routes';
import { publicCampaign } from '#use-cases/campaign-commands';

export const handler = httpHandler(publicCampaignRoute, async ({ query }) => {
  const deps = dependencies();
  return { body: await publicCampaign(deps, query.tenantId, deps.clock()) };
});
