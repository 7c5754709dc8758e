import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { kindergartenForm } from '#use-cases/kindergartens';

export const handler = httpHandler('staff-get-kindergarten', async ({ params, identity }) => ({
  body: await kindergartenForm(dependencies(), { tenantId: staffTenant(identity), kindergartenId: params.kindergartenId }),
}));
