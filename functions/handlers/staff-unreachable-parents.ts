import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffUnreachableParentsRoute } from '#http/routes';
import { unreachableParents } from '#use-cases/unreachable';

export const handler = httpHandler(staffUnreachableParentsRoute, async ({ query, identity }) => ({
  body: { parents: await unreachableParents(dependencies(), staffTenant(identity), { campaignId: query.campaignId }) },
}));
