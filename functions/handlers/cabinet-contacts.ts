import { dependencies } from '#adapters/dependencies';
import { parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { cabinetContactsRoute } from '#http/routes';
import { loadContacts } from '#use-cases/contacts';

export const handler = httpHandler(cabinetContactsRoute, async ({ identity, language }) => ({
  body: { contacts: await loadContacts(dependencies(), parentIin(identity), language) },
}));
