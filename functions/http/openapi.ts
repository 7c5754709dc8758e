import * as z from 'zod/mini';
import { errorResponse } from './schemas.ts';
import { problems, type ProblemCode } from './problems.ts';
import { routes, secureSessionCookieName, sessionCookieName, type RouteDefinition } from './routes.ts';

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodMiniType): JsonSchema => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });

/** Statuses API Gateway may answer itself (before any function runs), with its own `{ message }` body. */
const gatewayStatuses = new Set([401, 404, 413, 429]);

function errorContent(status: number, description: string, codes: readonly ProblemCode[]) {
  const schema = gatewayStatuses.has(status) ? { oneOf: [{ $ref: '#/components/schemas/Error' }, { $ref: '#/components/schemas/GatewayError' }] } : { $ref: '#/components/schemas/Error' };
  const listed = codes.length > 0 ? ` Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.` : '';
  return { description: `${description}${listed}`, content: { 'application/json': { schema } } };
}

/** Path or query parameters, one per property of the route's (object) schema. */
function parameters(schema: z.ZodMiniType | undefined, place: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: place,
    required: place === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * Every status a route may answer besides success, with the problem codes behind it: those its
 * shape gives (validation, session, role, content type, size) and those its use case names in the
 * route table.
 */
export function errorStatuses(route: RouteDefinition): Record<number, { description: string; codes: ProblemCode[] }> {
  const statuses: Record<number, { description: string; codes: ProblemCode[] }> = {};
  const add = (status: number, description: string, codes: readonly ProblemCode[]) => {
    const entry = (statuses[status] ??= { description, codes: [] });
    for (const code of codes) if (!entry.codes.includes(code)) entry.codes.push(code);
  };
  const secured = route.access !== 'public';
  const stateChange = route.method !== 'GET';
  // Every route: its params, query or body are checked, and a route without a body refuses one with fields (decision 67).
  add(400, 'Invalid request; `fields` lists each problem in the request language.', ['validation_failed']);
  add(400, 'Invalid request.', ['malformed_body']);
  if (secured) add(401, 'No live session.', ['unauthenticated']);
  if (secured) add(403, 'The session has the wrong role for this route or resource.', ['forbidden']);
  if (stateChange) add(403, 'Refused.', ['cross_site_request']);
  if (route.params) add(404, 'No such resource in your scope, or a path that names no route.', ['not_found']);
  if (route.body) add(413, 'The request is larger than 10 MB.', ['payload_too_large']);
  if (stateChange) add(415, 'A state change must be sent as JSON (`Content-Type: application/json`): the CSRF defence.', ['unsupported_media_type']);
  for (const code of route.problems ?? []) add(problems()[code].status, 'Refused by the service.', [code]);
  add(429, 'Too many requests (the API stage throttles every route).', []);
  add(500, 'Unexpected failure (generic message; details only in the log).', ['internal']);
  return statuses;
}

function operation(route: RouteDefinition) {
  const secured = route.access !== 'public';
  const declared = [...parameters(route.params, 'path'), ...parameters(route.query, 'query')];
  return {
    operationId: route.handler,
    summary: route.summary,
    ...(secured && { security: [{ session: [] }], 'x-kezek-roles': route.access }),
    ...(declared.length > 0 && { parameters: declared }),
    ...(route.body && {
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } },
    }),
    responses: {
      [String(route.successStatus ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: jsonSchema(route.response) } },
      },
      ...Object.fromEntries(Object.entries(errorStatuses(route)).map(([status, { description, codes }]) => [status, errorContent(Number(status), description, codes)])),
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
      description:
        'Kindergarten waiting list and the yearly interest-confirmation campaign. Messages follow the `kezek_lang` cookie or `Accept-Language` (kk, ru, en). Every request that changes state must be sent with `Content-Type: application/json`, a body-less one too.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: secureSessionCookieName, description: `\`${sessionCookieName}\` on the local runtime over plain HTTP` },
      },
      schemas: {
        Error: jsonSchema(errorResponse()),
        GatewayError: { type: 'object', description: 'An answer of API Gateway itself (no session cookie, no route, too large, throttled)', properties: { message: { type: 'string' } }, required: ['message'] },
      },
    },
    paths,
  };
}
