import { dependencies } from '#adapters/dependencies';
import { clientAddress } from '#http/client-address';
import { httpHandler } from '#http/http-handler';
import { parentLoginCodeRoute } from '#http/routes';
import { sendParentLoginCode } from '#use-cases/parent-login';

export const handler = httpHandler(parentLoginCodeRoute, async ({ body, language, event }) => {
  const deps = dependencies();
  return { body: await sendParentLoginCode(deps, body.iin, language, clientAddress(event, await deps.originSecrets.current())) };
});
