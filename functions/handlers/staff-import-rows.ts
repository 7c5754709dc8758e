import { dependencies } from '#adapters/dependencies';
import { actorOf, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffImportRowsRoute } from '#http/routes';
import { importRows } from '#use-cases/imports';

export const handler = httpHandler(staffImportRowsRoute, async ({ params, body, identity }) => {
  const deps = dependencies();
  return {
    body: await importRows(deps, {
      tenantId: staffTenant(identity),
      kind: params.kind,
      csv: body.csv,
      firstLine: body.firstLine,
      now: deps.clock(),
      actor: actorOf(identity),
    }),
  };
});
