import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffCreateKindergartenRoute } from '#http/routes';
import { createKindergarten, formView } from '#use-cases/kindergartens';

export const handler = httpHandler(staffCreateKindergartenRoute, async ({ body, identity }) => {
  const { kindergartenId, ...fields } = body;
  const kindergarten = await createKindergarten(dependencies(), { tenantId: staffTenant(identity), ...(kindergartenId && { kindergartenId }), fields });
  return { body: { kindergarten: formView(kindergarten) } };
});
