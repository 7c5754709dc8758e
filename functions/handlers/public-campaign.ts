import { dependencies } from '#adapters/dependencies';
import { httpHandler } from '#http/http-handler';
import { publicCampaign } from '#use-cases/campaign-commands';

export const handler = httpHandler('public-campaign', async ({ query }) => {
  const deps = dependencies();
  return { body: await publicCampaign(deps, query.tenantId, deps.clock()) };
});
