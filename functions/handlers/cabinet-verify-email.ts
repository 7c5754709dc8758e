import { dependencies } from '#adapters/dependencies';
import { parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { verifyEmail } from '#use-cases/contacts';

export const handler = httpHandler('cabinet-verify-email', async ({ identity, body, language }) => ({
  body: { contacts: await verifyEmail(dependencies(), parentIin(identity), body.token, language) },
}));
