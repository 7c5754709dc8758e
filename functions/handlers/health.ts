import { dependencies } from '#adapters/dependencies-core';
import { clientAddressOf } from '#http/client-address';
import { httpHandler } from '#http/http-handler';
import { healthRoute } from '#http/routes';

export const handler = httpHandler(healthRoute, async ({ event }) => {
  const deps = dependencies();
  const { from } = clientAddressOf(event, await deps.originSecrets.current());
  return { body: { status: 'ok', time: deps.clock().toISOString(), clientAddressFrom: from } };
});
