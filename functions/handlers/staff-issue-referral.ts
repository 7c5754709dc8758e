import { dependencies } from '#adapters/dependencies';
import { actorOf, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffIssueReferralRoute } from '#http/routes';
import { loadStaffView } from '#use-cases/application-views';
import { issueReferral } from '#use-cases/referrals';

export const handler = httpHandler(staffIssueReferralRoute, async ({ params, body, identity }) => {
  const deps = dependencies();
  const application = await issueReferral(deps, {
    applicationId: params.applicationId,
    kindergartenId: body.kindergartenId,
    staff: actorOf(identity),
    tenantId: staffTenant(identity),
    now: deps.clock(),
  });
  return { body: { application: await loadStaffView(deps, application) } };
});
