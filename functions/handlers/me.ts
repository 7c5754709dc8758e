import { httpHandler } from '#http/http-handler';

export const handler = httpHandler('me', async ({ identity }) => ({
  body: { role: identity.role, displayName: identity.displayName, ...(identity.tenantId && { tenantId: identity.tenantId }) },
}));
