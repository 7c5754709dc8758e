import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffAuditEventsRoute } from '#http/routes';
import { listAuditEvents } from '#use-cases/audit';

export const handler = httpHandler(staffAuditEventsRoute, async ({ query, identity }) => {
  const { cursor, ...filters } = query;
  const page = await listAuditEvents(dependencies(), staffTenant(identity), filters, cursor);
  return { body: { events: page.events, ...(page.next && { cursor: Buffer.from(page.next).toString('base64url') }) } };
});
