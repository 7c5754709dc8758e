import { dependencies } from '#adapters/dependencies';
import { staffAccountView, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffResetPasswordRoute } from '#http/routes';
import { sendPasswordResetLink } from '#use-cases/staff-accounts';

export const handler = httpHandler(staffResetPasswordRoute, async ({ params, body, identity }) => {
  const { member, link } = await sendPasswordResetLink(dependencies(), identity, staffTenant(identity), params.login, body.version);
  return { body: { account: staffAccountView(identity, member), link } };
});
