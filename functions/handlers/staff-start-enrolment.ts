import { dependencies } from '#adapters/dependencies';
import { httpHandler } from '#http/http-handler';
import { startStaffEnrolment } from '#use-cases/staff-enrolment';

export const handler = httpHandler('staff-start-enrolment', async ({ body }) => ({ body: await startStaffEnrolment(dependencies(), body.token) }));
