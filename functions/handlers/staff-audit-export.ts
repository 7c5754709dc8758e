import { dependencies } from '#adapters/dependencies';
import { staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffAuditExportRoute } from '#http/routes';
import { exportAuditEvents } from '#use-cases/audit';

export const handler = httpHandler(staffAuditExportRoute, async ({ query, identity, language }) => {
  const { cursor: _cursor, ...filters } = query;
  const deps = dependencies();
  const exported = await exportAuditEvents(deps, staffTenant(identity), filters, language);
  const day = deps.clock().toISOString().slice(0, 10);
  return { body: { fileName: `audit-${day}.csv`, ...exported } };
});
