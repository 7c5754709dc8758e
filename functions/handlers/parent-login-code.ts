import { dependencies } from '#adapters/dependencies';
import { httpHandler } from '#http/http-handler';
import { sendParentLoginCode } from '#use-cases/parent-login';

export const handler = httpHandler('parent-login-code', async ({ body, language }) => ({
  body: await sendParentLoginCode(dependencies(), body.iin, language),
}));
