import { dependencies } from '#adapters/dependencies';
import { clientAddress } from '#http/client-address';
import { sessionCookie } from '#http/cookies';
import { httpHandler } from '#http/http-handler';
import { parentLoginSessionRoute } from '#http/routes';
import { verifyParentLoginCode } from '#use-cases/parent-login';
import { parentSessionHours } from '#use-cases/sessions';

export const handler = httpHandler(parentLoginSessionRoute, async ({ body, event }) => {
  const deps = dependencies();
  const { token, session } = await verifyParentLoginCode(deps, body.iin, body.code, clientAddress(event, await deps.originSecrets.current()));
  return {
    body: { role: session.role, displayName: session.displayName },
    cookies: [sessionCookie(token, parentSessionHours * 3600, deps.cookieSecure)],
  };
});
