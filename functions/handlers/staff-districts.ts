import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffDistrictsRoute } from '#http/routes';
import { districtsOf } from '#use-cases/kindergartens';

export const handler = httpHandler(staffDistrictsRoute, async ({ identity }) => ({
  body: { districts: await districtsOf(dependencies(), staffTenant(identity)) },
}));
