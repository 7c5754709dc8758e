import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffSearchApplicationsRoute } from '#http/routes';
import { searchApplications } from '#use-cases/application-search';

export const handler = httpHandler(staffSearchApplicationsRoute, async ({ query, identity }) => ({
  body: await searchApplications(dependencies(), staffTenant(identity), query.q),
}));
