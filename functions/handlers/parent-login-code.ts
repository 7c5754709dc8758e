import { dependencies } from '#adapters/dependencies';
import { clientAddress } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { sendParentLoginCode } from '#use-cases/parent-login';

export const handler = httpHandler('parent-login-code', async ({ body, language, event }) => ({
  body: await sendParentLoginCode(dependencies(), body.iin, language, clientAddress(event)),
}));
