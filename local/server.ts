import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { APIGatewayProxyStructuredResultV2, APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { authorizer as authorizerEntry, routes, type RouteDefinition } from '#http/routes';
import { grantsOf } from '#http/audit-actions';
import { problemResponse, type HttpEvent } from '#http/http-handler';
import { readLanguageCookie } from '#http/cookies';
import type { ProblemCode } from '#http/problems';
import { pickLanguage } from '#domain/language';
import { countDynamoRequests } from '#adapters/dynamodb/client';
import { localFilesPrefix, type LocalFileStore } from '#adapters/local/local-file-store';
import { contentSecurityPolicy } from '../lib/content-security-policy.ts';
import { withGrants } from './grants.ts';
import { withinTimeout } from './lambda-timeout.ts';

/**
 * What API Gateway refuses, so the local server refuses it too. Source: API Gateway Developer
 * Guide, "Quotas for configuring and running an HTTP API": maximum integration timeout 30 s,
 * payload size 10 MB (neither can be raised).
 */
export const apiGatewayLimits = {
  integrationTimeoutMs: 30_000,
  payloadBytes: 10 * 1024 * 1024,
} as const;
/**
 * What Lambda refuses of a synchronous invocation, which API Gateway makes for every route. Source:
 * Lambda Developer Guide, "Lambda quotas": invocation payload 6 MB each way, which Lambda counts as
 * 6,291,456 bytes of the event JSON (`RequestEntityTooLargeException`: "Request must be smaller
 * than 6291456 bytes for the InvokeFunction operation") and 6,291,556 bytes of the function's
 * answer. The event holds the body once more JSON-escaped, so a 10 MB body API Gateway accepts
 * never reaches the function.
 */
export const lambdaSyncLimits = {
  requestBytes: 6_291_456,
  responseBytes: 6_291_556,
} as const;
/** A route function's Lambda timeout: `AppFunction`'s default (lib/app-function.ts); past it Lambda fails the invocation and API Gateway answers 500. */
const routeFunctionTimeoutMs = 10_000;

type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;
type RouteHandler = LambdaHandler<HttpEvent, APIGatewayProxyStructuredResultV2>;
type AuthorizerHandler = LambdaHandler<APIGatewayRequestAuthorizerEventV2, { isAuthorized: boolean; context?: Record<string, string> }>;

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly parameterNames: readonly string[];
  readonly handler: RouteHandler;
}

/** Loads the same handler modules the Lambda functions are built from, one per route. */
export async function loadHandlers(): Promise<{ routes: CompiledRoute[]; authorizer: AuthorizerHandler }> {
  const compiled = await Promise.all(
    routes.map(async (route): Promise<CompiledRoute> => {
      const parameterNames: string[] = [];
      const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
        parameterNames.push(name);
        return '([^/]+)';
      });
      const module = (await import(`../functions/handlers/${route.handler}.ts`)) as { handler: RouteHandler };
      return { route, pattern: new RegExp(`^${source}$`), parameterNames, handler: module.handler };
    }),
  );
  const authorizer = ((await import('../functions/handlers/authorizer.ts')) as { handler: AuthorizerHandler }).handler;
  return { routes: compiled, authorizer };
}

/** A Lambda context like the one Lambda passes (the Powertools middlewares read it). */
/** A Lambda context as the function would get it; its time left counts down from the function's timeout. */
export function lambdaContext(name: string, timeoutSeconds = 10): Context {
  const requestId = randomUUID();
  const deadline = Date.now() + timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `local-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:local-${name}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/local/${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('payload too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined;
}

/**
 * Turns a Node request into an API Gateway HTTP API payload v2 event, as API Gateway does:
 * lower-case headers joined with commas, cookies in their own array and not among the headers.
 */
function toEvent(request: IncomingMessage, url: URL, compiled: CompiledRoute, match: RegExpExecArray, body: string | undefined): HttpEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name !== 'cookie' && value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = request.headers.cookie?.split(';').map((part) => part.trim()).filter(Boolean);
  const pathParameters = Object.fromEntries(compiled.parameterNames.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
  const query = Object.fromEntries(url.searchParams);
  const now = new Date();
  const routeKey = `${compiled.route.method} ${compiled.route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies && cookies.length > 0 && { cookies }),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    ...(compiled.parameterNames.length > 0 && { pathParameters }),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: { method: compiled.route.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body !== undefined && { body }),
    isBase64Encoded: false,
  } as HttpEvent;
}

function authorizerEvent(event: HttpEvent, cookieHeader: string): APIGatewayRequestAuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${event.requestContext.http.method}${event.rawPath}`,
    identitySource: [cookieHeader],
    routeKey: event.routeKey,
    rawPath: event.rawPath,
    rawQueryString: event.rawQueryString,
    cookies: event.cookies ?? [],
    headers: event.headers,
    queryStringParameters: event.queryStringParameters ?? {},
    requestContext: event.requestContext,
    pathParameters: event.pathParameters ?? {},
    stageVariables: {},
  } as APIGatewayRequestAuthorizerEventV2;
}

function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A refusal of the server itself, with the same error body as a handler's, in the request's language. */
function problemAnswer(request: IncomingMessage, code: ProblemCode): APIGatewayProxyStructuredResultV2 {
  const acceptLanguage = request.headers['accept-language'];
  return problemResponse(code, pickLanguage(readLanguageCookie(undefined, request.headers.cookie), Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage));
}

function sendProblem(request: IncomingMessage, response: ServerResponse, code: ProblemCode, headers: Readonly<Record<string, string>> = {}): void {
  const answer = problemAnswer(request, code);
  response.writeHead(answer.statusCode ?? 500, { ...(answer.headers as Record<string, string>), ...headers }).end(answer.body);
}

/** The headers CloudFront's response-headers policy adds in AWS, with the same CSP string. */
function securityHeaders(mapTileUrl: string | undefined): Readonly<Record<string, string>> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'content-security-policy': contentSecurityPolicy({ mapTileUrl }),
  };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves the built web app; a path without a file behind it gets `index.html` (History-API routes). */
function serveStatic(webRoot: string, url: URL, response: ServerResponse, headers: Readonly<Record<string, string>>): void {
  const requested = normalize(join(webRoot, decodeURIComponent(url.pathname)));
  const inside = requested.startsWith(webRoot);
  const file = inside && existsSync(requested) && statSync(requested).isFile() ? requested : join(webRoot, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('The web app is not built: run `npm run build:web`.');
    return;
  }
  const immutable = file.includes(`${join(webRoot, 'assets')}`);
  response.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...headers,
  });
  createReadStream(file).pipe(response);
}

export interface LocalServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly webRoot: string;
  /** Logs one line per failed request; never bodies, cookies or personal data. */
  readonly log: (line: string) => void;
  /** The exports' local bucket, whose signed links this server answers (as S3 does in AWS). */
  readonly files?: LocalFileStore;
  /** The dashboard map's tile URL template, as the dashboard handler gets it (`MAP_TILE_URL`): the CSP allows its origin. */
  readonly mapTileUrl?: string;
  /** Lower limits than AWS's (tests of what happens past them); the defaults are AWS's. */
  readonly limits?: { readonly integrationTimeoutMs?: number; readonly functionTimeoutMs?: number; readonly payloadBytes?: number; readonly lambdaResponseBytes?: number };
}

/**
 * The local stand-in for API Gateway + CloudFront: `/api/*` goes through the route table to the
 * same middy handlers the Lambda functions run (with the authorizer first on non-public routes,
 * as API Gateway does); everything else is the built web app.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const { routes: compiled, authorizer } = await loadHandlers();
  const webRoot = resolve(options.webRoot);
  const staticHeaders = securityHeaders(options.mapTileUrl);
  const integrationTimeoutMs = options.limits?.integrationTimeoutMs ?? apiGatewayLimits.integrationTimeoutMs;
  const functionTimeoutMs = options.limits?.functionTimeoutMs ?? routeFunctionTimeoutMs;
  const payloadBytes = options.limits?.payloadBytes ?? apiGatewayLimits.payloadBytes;
  const lambdaResponseBytes = options.limits?.lambdaResponseBytes ?? lambdaSyncLimits.responseBytes;

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    // A path that is not valid percent-encoding names no route, file or parameter: a 400, as
    // CloudFront and API Gateway answer, rather than a decoding error (outside the try below it
    // would reject this callback and stop the process).
    if (!isDecodable(url.pathname)) return url.pathname.startsWith('/api/') ? sendProblem(request, response, 'bad_request') : sendJson(response, 400, { message: 'Bad Request' });
    if (options.files && url.pathname.startsWith(localFilesPrefix) && request.method === 'GET') return options.files.serve(url, response);
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { message: 'Method Not Allowed' });
      return serveStatic(webRoot, url, response, staticHeaders);
    }
    let match: RegExpExecArray | null = null;
    const found = compiled.find((candidate) => candidate.route.method === request.method && (match = candidate.pattern.exec(url.pathname)));
    if (!found || !match) {
      // A path of the table asked with another method: 405 with the methods it takes; else 404.
      const allowed = compiled.filter((candidate) => candidate.pattern.test(url.pathname)).map((candidate) => candidate.route.method);
      if (allowed.length > 0) return sendProblem(request, response, 'method_not_allowed', { allow: allowed.join(', ') });
      return sendProblem(request, response, 'not_found');
    }
    // A declared length over the limit is refused before the body is read, as API Gateway does.
    if (Number(request.headers['content-length'] ?? 0) > payloadBytes) return sendProblem(request, response, 'payload_too_large');
    try {
      const body = await readBody(request, payloadBytes);
      const event = toEvent(request, url, found, match, body);
      // Lambda refuses an event over its synchronous limit before the function runs; API Gateway answers 413.
      const eventBytes = Buffer.byteLength(JSON.stringify(event));
      if (eventBytes > lambdaSyncLimits.requestBytes) return sendProblem(request, response, 'payload_too_large', { 'x-kezek-lambda-event-bytes': String(eventBytes) });
      const invoke = () =>
        countDynamoRequests(async () => {
          if (found.route.access !== 'public') {
            // API Gateway answers 401 itself when the identity source (the Cookie header) is absent.
            const cookieHeader = request.headers.cookie;
            if (!cookieHeader) return problemAnswer(request, 'unauthenticated');
            const decision = await withGrants(authorizerEntry.handler, authorizerEntry.grants, () => authorizer(authorizerEvent(event, cookieHeader), lambdaContext('authorizer')));
            if (!decision.isAuthorized) return problemAnswer(request, 'forbidden');
            event.requestContext.authorizer = { lambda: decision.context };
          }
          // A function past its own timeout fails (Lambda's `Sandbox.Timedout`): API Gateway answers 500.
          const context = lambdaContext(found.route.handler, functionTimeoutMs / 1000);
          return withGrants(found.route.handler, grantsOf(found.route), () => withinTimeout(() => found.handler(event, context), functionTimeoutMs));
        });
      // API Gateway stops waiting after its integration timeout and answers 504 (the function's
      // own 10 s comes first for every route today; the 30 s bounds any longer one).
      const integrationTimedOut = () => Object.assign(new Error(`no answer within ${integrationTimeoutMs} ms`), { name: 'IntegrationTimeout', status: 504 });
      const { result, requests } = await withinTimeout(invoke, integrationTimeoutMs, integrationTimedOut);
      // An answer over Lambda's limit fails the invocation: API Gateway answers its own 500.
      if (Buffer.byteLength(JSON.stringify(result)) > lambdaResponseBytes) {
        options.log(`[api] ${request.method} ${url.pathname} failed: its answer is over Lambda's ${lambdaResponseBytes} bytes`);
        return sendJson(response, 500, { message: 'Internal Server Error' });
      }
      const headers: Record<string, string | string[]> = {
        ...(result.headers as Record<string, string>),
        // Local diagnostics: what this request cost in DynamoDB requests (authorizer included), and the size of the Lambda event it made.
        'x-kezek-dynamodb-requests': JSON.stringify(requests.byCommand()),
        'x-kezek-lambda-event-bytes': String(eventBytes),
      };
      if (result.cookies?.length) headers['set-cookie'] = result.cookies;
      response.writeHead(result.statusCode ?? 200, headers).end(result.body ?? '');
    } catch (error) {
      const status = (error as { status?: number }).status;
      options.log(`[api] ${request.method} ${url.pathname} failed: ${(error as Error).name}`);
      // API Gateway's own answer when the integration runs past its timeout (no function body to localize).
      if (status === 504) return sendJson(response, 504, { message: 'Gateway Timeout' });
      sendProblem(request, response, status === 413 ? 'payload_too_large' : 'internal');
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
