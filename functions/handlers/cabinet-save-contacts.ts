import { dependencies } from '#adapters/dependencies';
import { parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { saveContacts } from '#use-cases/contacts';

export const handler = httpHandler('cabinet-save-contacts', async ({ identity, body }) => ({
  body: {
    contacts: await saveContacts(dependencies(), parentIin(identity), {
      language: body.language,
      ...(body.secondPhone !== undefined && { secondPhone: body.secondPhone }),
      ...(body.email !== undefined && { email: body.email }),
    }),
  },
}));
