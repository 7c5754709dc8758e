import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '#http/openapi';
import { routes, type RouteDefinition } from '#http/routes';

interface Operation {
  readonly parameters?: readonly { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  readonly responses: Record<string, { description: string }>;
}

const operationOf = (path: string, method: string) => (openApiDocument().paths[path] as Record<string, Operation>)[method]!;

describe('route table', () => {
  it('should have a handler file for every route', async () => {
    for (const route of routes) {
      // Prepare
      const file = new URL(`../../functions/handlers/${route.handler}.ts`, import.meta.url);
      // Act
      const module = (await import(file.href)) as { handler?: unknown };
      // Assess
      expect(existsSync(file), route.handler).toBe(true);
      expect(typeof module.handler, route.handler).toBe('function');
    }
  });

  it('should declare each method and path once', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('should keep every route under /api/', () => {
    for (const route of routes) expect(route.path.startsWith('/api/'), route.path).toBe(true);
  });
});

describe('OpenAPI document', () => {
  it('should describe every route of the route table with its request and response schemas', () => {
    // Act
    const document = openApiDocument();
    // Assess
    for (const route of routes) {
      const operation = (document.paths[route.path] as Record<string, Record<string, unknown>>)[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation?.operationId).toBe(route.handler);
      expect(Boolean(operation?.requestBody)).toBe(Boolean('body' in route && route.body));
      expect(Boolean(operation?.security)).toBe(route.access !== 'public');
    }
  });

  it('should forbid unknown fields in request bodies', () => {
    const document = openApiDocument();
    const body = (document.paths['/api/auth/parent/code'] as { post: { requestBody: { content: { 'application/json': { schema: Record<string, unknown> } } } } }).post
      .requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(['iin']);
  });
});

describe('OpenAPI document for outside tools', () => {
  it('should have one operation per route of the route table', () => {
    // Act
    const operations = Object.values(openApiDocument().paths).flatMap((methods) => Object.keys(methods));
    // Assess
    expect(operations).toHaveLength(routes.length);
    expect(operations).toHaveLength(59);
  });

  it('should declare every path parameter of every route as required', () => {
    for (const route of routes as readonly RouteDefinition[]) {
      // Prepare
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      // Act
      const declared = (operationOf(route.path, route.method.toLowerCase()).parameters ?? []).filter((p) => p.in === 'path');
      // Assess
      expect(declared.map((p) => p.name), route.path).toEqual(inPath);
      for (const parameter of declared) expect(parameter.required, `${route.path} ${parameter.name}`).toBe(true);
    }
  });

  it('should declare the queue browser’s query parameters, only the cohort required, with their bounds', () => {
    // Act
    const parameters = operationOf('/api/staff/queue', 'get').parameters!;
    // Assess
    expect(parameters.map((p) => [p.name, p.in, p.required])).toEqual([
      ['birthYear', 'query', true],
      ['status', 'query', false],
      ['priority', 'query', false],
      ['kindergartenId', 'query', false],
      ['after', 'query', false],
      ['cursor', 'query', false],
      ['limit', 'query', false],
    ]);
    expect(parameters.find((p) => p.name === 'limit')!.schema).toEqual({ type: 'integer', minimum: 1, maximum: 200 });
  });

  it('should declare an id parameter non-empty and bounded', () => {
    // Act
    const [applicationId] = operationOf('/api/staff/applications/{applicationId}', 'get').parameters!;
    const [tenantId] = operationOf('/api/public/campaign', 'get').parameters!;
    // Assess
    expect(applicationId).toEqual({ name: 'applicationId', in: 'path', required: true, schema: { type: 'string', pattern: '^[\\w.-]{1,100}$' } });
    expect(tenantId).toEqual({ name: 'tenantId', in: 'query', required: true, schema: { type: 'string', pattern: '^[\\w-]{1,40}$' } });
  });

  it('should declare every status a route answers', () => {
    // Act
    const statuses = (path: string, method: string) => Object.keys(operationOf(path, method).responses);
    // Assess
    // a route without a body answers 400 for a body with fields (decision 67)
    expect(statuses('/api/health', 'get')).toEqual(['200', '400', '429', '500']);
    expect(statuses('/api/auth/parent/session', 'post')).toEqual(['200', '400', '401', '403', '413', '415', '429', '500']);
    expect(statuses('/api/staff/applications/{applicationId}/referral', 'post')).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '429', '500']);
    expect(statuses('/api/staff/campaigns/{campaignId}/cancel', 'post')).toEqual(['200', '400', '401', '403', '404', '409', '415', '429', '500']);
    expect(statuses('/api/staff/queue', 'get')).toEqual(['200', '400', '401', '403', '429', '500']);
    expect(statuses('/api/staff/imports/{kind}/check', 'post')).toEqual(['200', '400', '401', '403', '404', '413', '415', '429', '500']);
  });

  it('should name the problem codes behind a status', () => {
    // Act
    const conflict = operationOf('/api/staff/campaigns/{campaignId}/start', 'post').responses['409']!.description;
    const unsupported = operationOf('/api/auth/logout', 'post').responses['415']!.description;
    // Assess
    expect(conflict).toBe('Refused by the service. Codes: `campaign_state`, `campaign_already_active`.');
    expect(unsupported).toContain('`unsupported_media_type`');
    expect(operationOf('/api/auth/logout', 'post').responses['400']!.description).toBe('Invalid request; `fields` lists each problem in the request language. Codes: `validation_failed`, `malformed_body`.');
  });
});
