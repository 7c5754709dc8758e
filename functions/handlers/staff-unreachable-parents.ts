import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { unreachableParents } from '#use-cases/unreachable';

export const handler = httpHandler('staff-unreachable-parents', async ({ query, identity }) => ({
  body: { parents: await unreachableParents(dependencies(), staffTenant(identity), { campaignId: query.campaignId }) },
}));
