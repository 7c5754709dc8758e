import { dependencies } from '#adapters/dependencies';
import { actorOf, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffRestoreRoute } from '#http/routes';
import { loadStaffView } from '#use-cases/application-views';
import { restoreFromStopList } from '#use-cases/restore';

export const handler = httpHandler(staffRestoreRoute, async ({ params, identity }) => {
  const deps = dependencies();
  const application = await restoreFromStopList(deps, { applicationId: params.applicationId, scope: { tenantId: staffTenant(identity) }, actor: actorOf(identity), now: deps.clock() });
  return { body: { application: await loadStaffView(deps, application) } };
});
