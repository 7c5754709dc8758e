import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { districtsOf } from '#use-cases/kindergartens';

export const handler = httpHandler('staff-districts', async ({ identity }) => ({
  body: { districts: await districtsOf(dependencies(), staffTenant(identity)) },
}));
