import { dependencies } from '#adapters/dependencies';
import { parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';

export const handler = httpHandler('cabinet-notifications-read', async ({ body, identity }) => ({
  body: { marked: await dependencies().notifications.markRead(parentIin(identity), body.notificationIds) },
}));
