import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffGetApplicationRoute } from '#http/routes';
import { loadApplication } from '#use-cases/application-actions';
import { applicantOnFile } from '#use-cases/applicant-phone';
import { loadParentNotices, loadStaffView } from '#use-cases/application-views';

export const handler = httpHandler(staffGetApplicationRoute, async ({ params, identity }) => {
  const deps = dependencies();
  const application = await loadApplication(deps, params.applicationId, { tenantId: staffTenant(identity) });
  const [view, applicant, notices] = await Promise.all([loadStaffView(deps, application), applicantOnFile(deps, application), loadParentNotices(deps, application)]);
  return { body: { application: view, ...(applicant && { applicantPhone: applicant.phone, applicant: applicant.contact }), notices } };
});
