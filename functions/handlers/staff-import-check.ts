import { dependencies } from '#adapters/dependencies';
import { actorOf, staffTenant } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { staffImportCheckRoute } from '#http/routes';
import { checkImport } from '#use-cases/imports';

export const handler = httpHandler(staffImportCheckRoute, async ({ params, body, identity }) => {
  const deps = dependencies();
  return { body: await checkImport(deps, { tenantId: staffTenant(identity), kind: params.kind, csv: body.csv, now: deps.clock(), actor: actorOf(identity) }) };
});
