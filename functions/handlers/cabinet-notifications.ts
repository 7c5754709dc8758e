import { dependencies } from '#adapters/dependencies';
import { parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { cabinetNotificationsRoute } from '#http/routes';

/** The latest 50 notices are what a cabinet shows; older ones stay in the table. */
const shown = 50;

export const handler = httpHandler(cabinetNotificationsRoute, async ({ identity }) => {
  const notices = await dependencies().notifications.latest(parentIin(identity), shown);
  return {
    body: {
      notifications: notices.map(({ notificationId, kind, createdAt, applicationId, params, channels, read }) => ({
        notificationId,
        kind,
        createdAt,
        applicationId,
        params: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? [...value] : value])),
        channels: { ...channels } as Record<string, string>,
        read: Boolean(read),
      })),
      unread: notices.filter((notice) => !notice.read).length,
    },
  };
});
