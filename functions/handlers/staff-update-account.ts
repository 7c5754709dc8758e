import { dependencies } from '#adapters/dependencies';
import { staffAccountView, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffUpdateAccountRoute } from '#http/routes';
import { changeStaff } from '#use-cases/staff-accounts';

export const handler = httpHandler(staffUpdateAccountRoute, async ({ params, body, identity }) => {
  const { version, ...change } = body;
  const member = await changeStaff(dependencies(), identity, staffTenant(identity), params.login, version, change);
  return { body: { account: staffAccountView(identity, member) } };
});
