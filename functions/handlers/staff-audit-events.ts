import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { listAuditEvents } from '#use-cases/audit';

export const handler = httpHandler('staff-audit-events', async ({ query, identity }) => {
  const { cursor, ...filters } = query;
  const page = await listAuditEvents(dependencies(), staffTenant(identity), filters, cursor);
  return { body: { events: page.events, ...(page.next && { cursor: Buffer.from(page.next).toString('base64url') }) } };
});
