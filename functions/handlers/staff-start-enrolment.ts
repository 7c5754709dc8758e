import { dependencies } from '#adapters/dependencies';
import { httpHandler } from '#http/http-handler';
import { staffStartEnrolmentRoute } from '#http/routes';
import { startStaffEnrolment } from '#use-cases/staff-enrolment';

export const handler = httpHandler(staffStartEnrolmentRoute, async ({ body }) => ({ body: await startStaffEnrolment(dependencies(), body.token) }));
