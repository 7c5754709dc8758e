import { dependencies } from '#adapters/dependencies';
import { actorOf, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffChangeKindergartensRoute } from '#http/routes';
import { changeKindergartens } from '#use-cases/kindergarten-choice';
import { loadStaffView } from '#use-cases/application-views';

export const handler = httpHandler(staffChangeKindergartensRoute, async ({ params, body, identity }) => {
  const deps = dependencies();
  const application = await changeKindergartens(deps, {
    applicationId: params.applicationId,
    kindergartenIds: body.kindergartenIds,
    actor: actorOf(identity),
    scope: { tenantId: staffTenant(identity) },
    now: deps.clock(),
  });
  return { body: { application: await loadStaffView(deps, application) } };
});
