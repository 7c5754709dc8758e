import { dependencies } from '#adapters/dependencies';
import { ForbiddenError } from '#domain/errors';
import { httpHandler } from '#http/http-handler';
import { staffKindergartensRoute } from '#http/routes';

export const handler = httpHandler(staffKindergartensRoute, async ({ identity }) => {
  // Staff act only in the tenant of their session; no request parameter can name another.
  if (!identity.tenantId) throw new ForbiddenError();
  const kindergartens = await dependencies().kindergartens.listByTenant(identity.tenantId);
  return {
    body: {
      kindergartens: kindergartens.map(({ kindergartenId, name, ownership, languages, district, location, capacity, occupancy }) => ({
        kindergartenId,
        name,
        ownership,
        languages: [...languages],
        district,
        location,
        capacity,
        ...(occupancy && { occupancy }),
      })),
    },
  };
});
