import { staffLoginOf } from '#domain/accounts';
import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { ownSecondFactor } from '#use-cases/staff-accounts';

export const handler = httpHandler('staff-second-factor', async ({ identity }) => {
  staffTenant(identity);
  return { body: await ownSecondFactor(dependencies(), staffLoginOf(identity.accountId)) };
});
