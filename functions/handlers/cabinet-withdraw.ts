import { dependencies } from '#adapters/dependencies';
import { actorOf, parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { cabinetWithdrawRoute } from '#http/routes';
import { actOnApplication } from '#use-cases/application-actions';
import { loadParentView } from '#use-cases/application-views';

export const handler = httpHandler(cabinetWithdrawRoute, async ({ params, identity }) => {
  const deps = dependencies();
  const application = await actOnApplication(deps, {
    applicationId: params.applicationId,
    action: { kind: 'withdraw' },
    actor: actorOf(identity),
    scope: { applicantIin: parentIin(identity) },
    now: deps.clock(),
  });
  return { body: { application: await loadParentView(deps, application) } };
});
