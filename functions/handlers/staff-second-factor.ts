import { staffLoginOf } from '#domain/accounts';
import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffSecondFactorRoute } from '#http/routes';
import { ownSecondFactor } from '#use-cases/staff-accounts';

export const handler = httpHandler(staffSecondFactorRoute, async ({ identity }) => {
  staffTenant(identity);
  return { body: await ownSecondFactor(dependencies(), staffLoginOf(identity.accountId)) };
});
