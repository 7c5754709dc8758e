import { dependencies } from '#adapters/dependencies';
import { actorOf, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffChangeApplicantPhoneRoute } from '#http/routes';
import { changeApplicantPhone } from '#use-cases/applicant-phone';
import { loadStaffView } from '#use-cases/application-views';

export const handler = httpHandler(staffChangeApplicantPhoneRoute, async ({ params, body, identity }) => {
  const deps = dependencies();
  const changed = await changeApplicantPhone(deps, {
    applicationId: params.applicationId,
    tenantId: staffTenant(identity),
    phone: body.phone,
    expectedVersion: body.expectedVersion,
    actor: actorOf(identity),
    now: deps.clock(),
  });
  return { body: { application: await loadStaffView(deps, changed.application), applicantPhone: changed.applicantPhone } };
});
