import { dependencies } from '#adapters/dependencies';
import { staffAccountView, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffAccountsRoute } from '#http/routes';
import { listStaff } from '#use-cases/staff-accounts';

export const handler = httpHandler(staffAccountsRoute, async ({ identity }) => ({
  body: { accounts: (await listStaff(dependencies(), staffTenant(identity))).map((member) => staffAccountView(identity, member)) },
}));
