import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffGetKindergartenRoute } from '#http/routes';
import { kindergartenForm } from '#use-cases/kindergartens';

export const handler = httpHandler(staffGetKindergartenRoute, async ({ params, identity }) => ({
  body: await kindergartenForm(dependencies(), { tenantId: staffTenant(identity), kindergartenId: params.kindergartenId }),
}));
