import { dependencies } from '#adapters/dependencies';
import { callerRole } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { actionsOf } from '#http/routes';

export const handler = httpHandler('me', async ({ identity }) => ({
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
