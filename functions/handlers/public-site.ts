import { dependencies } from '#adapters/dependencies';
import { httpHandler } from '#http/http-handler';
import { publicSiteRoute } from '#http/routes';
import { siteForHost } from '#use-cases/departments';

export const handler = httpHandler(publicSiteRoute, async ({ query }) => ({ body: { site: await siteForHost(dependencies(), query.host) } }));
