import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffQueueRoute } from '#http/routes';
import { encodeQueueCursor } from '#http/queue-cursor';
import { browseQueue } from '#use-cases/staff-queue';

export const handler = httpHandler(staffQueueRoute, async ({ query, identity }) => {
  const { next, ...list } = await browseQueue(dependencies(), {
    tenantId: staffTenant(identity),
    birthYear: query.birthYear,
    status: query.status,
    filter: { ...(query.priority && { priority: query.priority }), ...(query.kindergartenId && { kindergartenId: query.kindergartenId }) },
    ...(query.after !== undefined && { after: query.after }),
    ...(query.cursor && { cursor: query.cursor }),
    ...(query.limit !== undefined && { limit: query.limit }),
  });
  return { body: { ...list, ...(next && { nextCursor: encodeQueueCursor(next) }) } };
});
