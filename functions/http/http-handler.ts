import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z, ZodMiniType } from 'zod/mini';
import { DomainError, ImportRejectedError, InvalidInputError } from '#domain/errors';
import { pickLanguage, type Language } from '#domain/language';
import type { Identity } from '#ports/stores';
import { logger } from '#adapters/logger';
import { observability } from '#adapters/observability';
import { fieldMessage, problems, problemMessage, type ProblemCode } from './problems.ts';
import type { HandlerName, RouteDefinition, routes } from './routes.ts';
import { readLanguageCookie } from './cookies.ts';
import { validate, type FieldError } from './validation.ts';
import { noBody } from './schemas.ts';
import { identityFromContext, type AuthorizerContext } from './authorizer-context.ts';
import { callerRole } from './actors.ts';
import { audited } from './audit-trail.ts';

export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext | undefined>;
export type HttpResponse = APIGatewayProxyStructuredResultV2;

type RouteOf<H extends HandlerName> = Extract<(typeof routes)[number], { handler: H }>;
type BodyOf<H extends HandlerName> = RouteOf<H> extends { body: infer S extends ZodMiniType } ? z.infer<S> : undefined;
type ParamsOf<H extends HandlerName> = RouteOf<H> extends { params: infer S extends ZodMiniType } ? z.infer<S> : undefined;
type QueryOf<H extends HandlerName> = RouteOf<H> extends { query: infer S extends ZodMiniType } ? z.infer<S> : undefined;
type IdentityOf<H extends HandlerName> = RouteOf<H>['access'] extends 'public' ? Identity | undefined : Identity;

export interface HttpRequest<H extends HandlerName> {
  readonly body: BodyOf<H>;
  readonly params: ParamsOf<H>;
  readonly query: QueryOf<H>;
  readonly identity: IdentityOf<H>;
  readonly language: Language;
  readonly event: HttpEvent;
}

/** Use cases return readonly domain data; a response only needs to read it. */
type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export interface HttpResult<H extends HandlerName> {
  readonly body: DeepReadonly<z.input<RouteOf<H>['response']>>;
  readonly cookies?: readonly string[];
}

class Problem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly fields?: FieldError[],
  ) {
    super(code);
  }
}

function json(status: number, body: unknown, cookies?: readonly string[]): HttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
    ...(cookies && cookies.length > 0 && { cookies: [...cookies] }),
  };
}

/** The error body every refusal has: a code, a message in the request language, and details. */
export function problemResponse(code: ProblemCode, language: Language, fields?: FieldError[], params: Readonly<Record<string, string>> = {}): HttpResponse {
  return json(problems()[code].status, {
    error: { code, message: problemMessage(code, language, params), ...(fields && { fields }), ...(Object.keys(params).length > 0 && { params }) },
  });
}

function languageOf(event: HttpEvent): Language {
  return pickLanguage(readLanguageCookie(event.cookies, event.headers?.cookie), event.headers?.['accept-language']);
}

/** JSON exactly as `@middy/http-json-body-parser` recognises it: `application/json` or `application/<x>+json`, any parameters. */
const jsonMediaType = /^application\/(.+\+)?json($|;.+)/;

/**
 * CSRF: a state-changing request must say it is JSON. A cross-site HTML form can only send
 * `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`, and a cross-site
 * script cannot set `application/json` without a CORS preflight, which this API never grants.
 * A browser that says the request comes from another site (`Sec-Fetch-Site: cross-site`) is
 * refused too, whatever it sends. See docs/DECISIONS.md.
 */
function refuseCrossSite(route: RouteDefinition, headers: Readonly<Record<string, string | undefined>> | undefined): void {
  if (route.method === 'GET') return;
  if (headers?.['sec-fetch-site']?.trim().toLowerCase() === 'cross-site') throw new Problem('cross_site_request');
  if (!jsonMediaType.test(headers?.['content-type'] ?? '')) throw new Problem('unsupported_media_type');
}

/**
 * Who may call: the authorizer put the session's identity into the context (a staff member's role
 * read from their account on this very request); the route says which roles.
 */
function authorize(route: RouteDefinition, event: HttpEvent): Identity | undefined {
  if (route.access === 'public') return identityFromContext(event.requestContext.authorizer?.lambda);
  const identity = identityFromContext(event.requestContext.authorizer?.lambda);
  if (!identity) throw new Problem('unauthenticated');
  const role = callerRole(identity);
  if (!role || !route.access.includes(role)) throw new Problem(identity.role === 'staff' ? 'role_not_allowed' : 'forbidden');
  return identity;
}

/**
 * A route without a body takes none: an empty body or `{}` passes, JSON with fields is refused
 * with them named, anything else is `malformed_body` (a request that carries what the route
 * ignores is a client's mistake worth saying, not something to drop silently).
 */
function refuseBody(event: HttpEvent, check: (input: unknown) => unknown): undefined {
  const raw = event.body === undefined || event.body === null ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (raw.trim() === '') return undefined;
  let input: unknown;
  try {
    input = JSON.parse(raw);
  } catch {
    throw new Problem('malformed_body');
  }
  check(input);
  return undefined;
}

/** How many problems of a rejected import are listed (`rows`); `rowsTotal` counts them all. */
export const importProblemsListed = 1_000;

/**
 * Wires one route the same way as every other: normalise headers, authorize by the route's
 * entry in the route table (the handler imports its own entry, so its function holds no other
 * route, DECISIONS.md 65), parse and validate the body with the route's schema, run the use case, map domain
 * errors to statuses and localized messages. A 500 says nothing about the cause; the log does,
 * without personal data.
 */
export function httpHandler<const R extends (typeof routes)[number]>(
  ownRoute: R,
  useCase: (request: HttpRequest<R['handler']>) => Promise<HttpResult<R['handler']>>,
) {
  type H = R['handler'];
  const route: RouteDefinition = ownRoute;
  const base = async (event: HttpEvent): Promise<HttpResponse> => {
    const language = languageOf(event);
    const identity = authorize(route, event);
    const parse = (schema: ZodMiniType | undefined, input: unknown, prefix: string): unknown => {
      if (!schema) return undefined;
      const parsed = validate(schema, input ?? {}, language);
      if (!parsed.ok) throw new Problem('validation_failed', parsed.fields.map((f) => ({ ...f, path: prefix ? `${prefix}.${f.path}` : f.path })));
      return parsed.value;
    };
    const result = await audited(route, identity, (request) => {
      request.params = parse(route.params, event.pathParameters, 'params');
      request.query = parse(route.query, event.queryStringParameters, 'query');
      const body = 'body' in route ? parse(route.body, event.body, '') : refuseBody(event, (input) => parse(noBody(), input, ''));
      return useCase({
        body: body as BodyOf<H>,
        params: request.params as ParamsOf<H>,
        query: request.query as QueryOf<H>,
        identity: identity as IdentityOf<H>,
        language,
        event,
      });
    });
    return json(route.successStatus ?? 200, result.body, result.cookies);
  };

  // Powertools first: its `after` and `onError` run last, once the response is settled.
  const handler = middy<HttpEvent, HttpResponse>()
    .use(observability())
    .before(() => {
      // The route, not the path: a path may carry an id, and the log needs no more than the route.
      logger.appendKeys({ route: `${route.method} ${route.path}` });
    })
    .use(httpHeaderNormalizer())
    .before((request) => refuseCrossSite(route, request.event.headers));
  // `in`, not the getter: the body schema is built on the first request, not at start.
  if ('body' in route) handler.use(httpJsonBodyParser());
  return handler
    .use({
      onError: async (request) => {
        const language = languageOf(request.event);
        const error = request.error;
        if (error instanceof Problem) {
          request.response = problemResponse(error.code, language, error.fields);
        } else if (error instanceof ImportRejectedError) {
          // The first problems only, with their count: a city's file wrong in every row lists more than Lambda may answer (6 MB).
          const rows = error.rows.slice(0, importProblemsListed).map((r) => ({ line: r.line, column: r.column, message: fieldMessage(r.key, language, r.params) ?? r.key }));
          request.response = json(problems().import_rejected.status, {
            error: { code: 'import_rejected', message: problemMessage('import_rejected', language), rows, rowsTotal: error.rows.length },
          });
        } else if (error instanceof InvalidInputError) {
          const fields = error.fields.map((f) => ({ path: f.path, message: fieldMessage(f.key, language) ?? f.key }));
          request.response = problemResponse('validation_failed', language, fields);
        } else if (error instanceof DomainError) {
          const fields = error.fieldProblems().map((f) => ({ path: f.path, message: fieldMessage(f.key, language, error.params()) ?? f.key }));
          request.response = problemResponse(error.code, language, fields.length > 0 ? fields : undefined, error.params());
        } else if (error && 'statusCode' in error && error.statusCode === 415) {
          // @middy/http-json-body-parser: a missing body or one that is not JSON (the content type was checked before).
          request.response = problemResponse('malformed_body', language);
        } else {
          // The stack names code positions in the bundle (`npm run stack` decodes them, decision 63), never a request's data.
          logger.error('request failed', { route: `${route.method} ${route.path}`, errorName: error?.name, errorMessage: error?.message, errorStack: error?.stack });
          request.response = problemResponse('internal', language);
        }
      },
    })
    .handler(base);
}
