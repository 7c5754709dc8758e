import { dependencies } from '#adapters/dependencies';
import { ForbiddenError } from '#domain/errors';
import { httpHandler } from '#http/http-handler';
import { cabinetApplicationsRoute } from '#http/routes';
import { listCabinetApplications } from '#use-cases/cabinet';

export const handler = httpHandler(cabinetApplicationsRoute, async ({ identity }) => {
  // A parent's session always carries their IIN; without it there is nothing of theirs to show.
  if (!identity.iin) throw new ForbiddenError();
  return { body: await listCabinetApplications(dependencies(), identity.iin) };
});
