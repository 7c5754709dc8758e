import { dependencies } from '#adapters/dependencies';
import { parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { cabinetNotificationsReadRoute } from '#http/routes';

export const handler = httpHandler(cabinetNotificationsReadRoute, async ({ body, identity }) => ({
  body: { marked: await dependencies().notifications.markRead(parentIin(identity), body.notificationIds) },
}));
