import { dependencies } from '#adapters/dependencies';
import { staffAccountView, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffCreateAccountRoute } from '#http/routes';
import { addStaff } from '#use-cases/staff-accounts';

export const handler = httpHandler(staffCreateAccountRoute, async ({ body, identity }) => {
  const { member, link } = await addStaff(dependencies(), identity, staffTenant(identity), body);
  return { body: { account: staffAccountView(identity, member), link } };
});
