import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffUpdateKindergartenRoute } from '#http/routes';
import { formView, updateKindergarten } from '#use-cases/kindergartens';

export const handler = httpHandler(staffUpdateKindergartenRoute, async ({ body, params, identity }) => {
  const { version, ...fields } = body;
  const kindergarten = await updateKindergarten(dependencies(), { tenantId: staffTenant(identity), kindergartenId: params.kindergartenId, version, fields });
  return { body: { kindergarten: formView(kindergarten) } };
});
