import { dependencies } from '#adapters/dependencies';
import { actorOf, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffRegisterApplicationRoute } from '#http/routes';
import { loadStaffView } from '#use-cases/application-views';
import { registerApplication } from '#use-cases/registration';

export const handler = httpHandler(staffRegisterApplicationRoute, async ({ body, identity }) => {
  const deps = dependencies();
  const application = await registerApplication(deps, { ...body, tenantId: staffTenant(identity), staff: actorOf(identity), now: deps.clock() });
  return { body: { application: await loadStaffView(deps, application) } };
});
