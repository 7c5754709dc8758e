import { dependencies } from '#adapters/dependencies';
import { clientAddress } from '#http/client-address';
import { sessionCookie } from '#http/cookies';
import { httpHandler } from '#http/http-handler';
import { staffLoginSessionRoute } from '#http/routes';
import { staffSessionHours } from '#use-cases/sessions';
import { loginStaff } from '#use-cases/staff-login';

export const handler = httpHandler(staffLoginSessionRoute, async ({ body, event }) => {
  const deps = dependencies();
  const { token, session } = await loginStaff(deps, body.login, body.password, body.code, clientAddress(event, await deps.originSecrets.current()));
  return {
    body: { role: session.role, displayName: session.displayName, tenantId: session.tenantId },
    cookies: [sessionCookie(token, staffSessionHours * 3600, deps.cookieSecure)],
  };
});
