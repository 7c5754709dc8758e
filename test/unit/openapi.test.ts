import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '#http/openapi';
import { routes } from '#http/routes';

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
