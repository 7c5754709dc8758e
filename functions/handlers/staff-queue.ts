import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { cohortQueue } from '#use-cases/staff-queue';

export const handler = httpHandler('staff-queue', async ({ query, identity }) => ({
  body: await cohortQueue(dependencies(), { tenantId: staffTenant(identity), birthYear: query.birthYear, after: query.after ?? 0 }),
}));
