import { dependencies } from '#adapters/dependencies';
import { httpHandler } from '#http/http-handler';
import { siteForHost } from '#use-cases/departments';

export const handler = httpHandler('public-site', async ({ query }) => ({ body: { site: await siteForHost(dependencies(), query.host) } }));
