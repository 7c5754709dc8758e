import * as z from 'zod';
import { errorResponse } from './schemas.ts';
import { routes, secureSessionCookieName, sessionCookieName, type RouteDefinition } from './routes.ts';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });

function errorContent(description: string) {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

function operation(route: RouteDefinition) {
  const secured = route.access !== 'public';
  return {
    operationId: route.handler,
    summary: route.summary,
    ...(secured && { security: [{ session: [] }], 'x-kezek-roles': route.access }),
    ...(route.body && {
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } },
    }),
    responses: {
      [String(route.successStatus ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: jsonSchema(route.response) } },
      },
      ...(route.body && { 400: errorContent('Invalid request; `fields` lists each problem in the request language') }),
      ...(secured && { 401: errorContent('No live session'), 403: errorContent('The session has the wrong role') }),
      500: errorContent('Unexpected failure (generic message; details only in the log)'),
    },
  };
}

/** The OpenAPI 3.1 document of the API, generated from the route table and its zod schemas. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'kezek API',
      version: '0.1.0',
      description: 'Kindergarten waiting list and the yearly interest-confirmation campaign. Messages follow the `kezek_lang` cookie or `Accept-Language` (kk, ru, en).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: secureSessionCookieName, description: `\`${sessionCookieName}\` on the local runtime over plain HTTP` },
      },
      schemas: { Error: jsonSchema(errorResponse) },
    },
    paths,
  };
}
