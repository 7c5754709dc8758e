import { dependencies } from '#adapters/dependencies';
import { httpHandler } from '#http/http-handler';
import { staffSetPasswordRoute } from '#http/routes';
import { setStaffPassword } from '#use-cases/staff-enrolment';

export const handler = httpHandler(staffSetPasswordRoute, async ({ body }) => {
  const { login, recoveryCodes } = await setStaffPassword(dependencies(), body.token, body.password, body.code);
  return { body: { login, recoveryCodes } };
});
