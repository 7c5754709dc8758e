import { dependencies } from '#adapters/dependencies';
import { staffAccountView, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffResetSecondFactorRoute } from '#http/routes';
import { resetSecondFactor } from '#use-cases/staff-accounts';

export const handler = httpHandler(staffResetSecondFactorRoute, async ({ params, body, identity }) => {
  const { member, link } = await resetSecondFactor(dependencies(), identity, staffTenant(identity), params.login, body.version);
  return { body: { account: staffAccountView(identity, member), link } };
});
