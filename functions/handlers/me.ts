import { dependencies } from '#adapters/dependencies-core';
import { callerRole } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { actionsOf, meRoute } from '#http/routes';

export const handler = httpHandler(meRoute, async ({ identity }) => ({
  body: {
    role: identity.role,
    displayName: identity.displayName,
    ...(identity.tenantId && { tenantId: identity.tenantId }),
    ...(identity.staffRole && { staffRole: identity.staffRole }),
    actions: actionsOf(callerRole(identity)),
    // Only the local runtime says so: the console then offers its demo controls.
    ...(dependencies().localRuntime && { localRuntime: true }),
  },
}));
