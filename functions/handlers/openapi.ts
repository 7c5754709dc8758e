import { httpHandler } from '#http/http-handler';
import { openApiDocument } from '#http/openapi';

/** Built once per cold start: the route table does not change at run time. */
const document = openApiDocument();

export const handler = httpHandler('openapi', async () => ({ body: document }));
