import { httpHandler } from '#http/http-handler';
import { openapiRoute } from '#http/routes';
import { openApiDocument } from '#http/openapi';

/**
 * Built on the first request and kept: the route table does not change at run time. Not at start,
 * where it would build every route's schemas into the cold import (DECISIONS.md, cold import).
 */
let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpHandler(openapiRoute, async () => ({ body: (document ??= openApiDocument()) }));
