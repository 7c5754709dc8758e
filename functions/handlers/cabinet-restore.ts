import { dependencies } from '#adapters/dependencies';
import { actorOf, parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { cabinetRestoreRoute } from '#http/routes';
import { restoreFromStopList } from '#use-cases/restore';
import { loadParentView } from '#use-cases/application-views';

export const handler = httpHandler(cabinetRestoreRoute, async ({ params, identity }) => {
  const deps = dependencies();
  const application = await restoreFromStopList(deps, { applicationId: params.applicationId, scope: { applicantIin: parentIin(identity) }, actor: actorOf(identity), now: deps.clock() });
  return { body: { application: await loadParentView(deps, application) } };
});
