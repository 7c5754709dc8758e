import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffRecomputePositionsRoute } from '#http/routes';
import { requestTenantPositions } from '#use-cases/imports';

export const handler = httpHandler(staffRecomputePositionsRoute, async ({ identity }) => {
  const deps = dependencies();
  return { body: await requestTenantPositions(deps, { tenantId: staffTenant(identity), now: deps.clock() }) };
});
