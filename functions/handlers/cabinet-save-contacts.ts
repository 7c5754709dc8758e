import { dependencies } from '#adapters/dependencies';
import { parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { cabinetSaveContactsRoute } from '#http/routes';
import { saveContacts, verifyEmail } from '#use-cases/contacts';

export const handler = httpHandler(cabinetSaveContactsRoute, async ({ identity, body, language }) => ({
  body: {
    // The token of an e-mail's verification link comes alone (the schema says so): it verifies that e-mail.
    contacts:
      body.emailToken !== undefined
        ? await verifyEmail(dependencies(), parentIin(identity), body.emailToken, language)
        : await saveContacts(dependencies(), parentIin(identity), {
            language: body.language!,
            ...(body.secondPhone !== undefined && { secondPhone: body.secondPhone }),
            ...(body.email !== undefined && { email: body.email }),
          }),
  },
}));
