import { dependencies } from '#adapters/dependencies';
import { httpHandler } from '#http/http-handler';

export const handler = httpHandler('health', async () => ({ body: { status: 'ok', time: dependencies().clock().toISOString() } }));
