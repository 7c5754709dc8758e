import { dependencies } from '#adapters/dependencies';
import { actorOf, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffWithdrawRoute } from '#http/routes';
import { actOnApplication } from '#use-cases/application-actions';
import { loadStaffView } from '#use-cases/application-views';

export const handler = httpHandler(staffWithdrawRoute, async ({ params, body, identity }) => {
  const deps = dependencies();
  const application = await actOnApplication(deps, {
    applicationId: params.applicationId,
    action: { kind: 'withdraw', ...(body.reason && { reason: body.reason }) },
    actor: actorOf(identity),
    scope: { tenantId: staffTenant(identity) },
    now: deps.clock(),
  });
  return { body: { application: await loadStaffView(deps, application) } };
});
