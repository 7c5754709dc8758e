import type { z } from 'zod/mini';
import type { routes } from '../../functions/http/routes.ts';

/**
 * The route table's routes as types, and a route's path with its parameters put in: what the web
 * app's client (`client.ts`) and the tests' client share. No DOM here and nothing of the table at
 * run time: the import is of types only.
 */
type Route = (typeof routes)[number];

/** Every route by name: `METHOD /path`, as in the route table. */
export type RouteName = `${Route['method']} ${Route['path']}`;

type RouteNamed<N extends RouteName> = Extract<Route, { method: N extends `${infer M} ${string}` ? M : never; path: N extends `${string} ${infer P}` ? P : never }>;

type SchemaInput<R, K extends 'params' | 'query' | 'body'> = R extends { readonly [key in K]: infer S extends z.ZodMiniType } ? z.input<S> : never;

/** What a call sends: its path parameters, query and body, each only where the route has it. */
export type RouteInput<N extends RouteName> = ([SchemaInput<RouteNamed<N>, 'params'>] extends [never] ? {} : { readonly params: SchemaInput<RouteNamed<N>, 'params'> }) &
  ([SchemaInput<RouteNamed<N>, 'query'>] extends [never] ? {} : { readonly query?: SchemaInput<RouteNamed<N>, 'query'> }) &
  ([SchemaInput<RouteNamed<N>, 'body'>] extends [never] ? {} : { readonly body: SchemaInput<RouteNamed<N>, 'body'> });

/** What a route answers on success: the output of its response schema. */
export type RouteAnswer<N extends RouteName> = RouteNamed<N> extends { readonly response: infer S extends z.ZodMiniType } ? z.output<S> : never;

/** Routes whose call needs nothing but their name. */
export type Bare = { [N in RouteName]: keyof RouteInput<N> extends never ? N : never }[RouteName];

/** The path of a route with its parameters put in, each encoded; the query appended. */
export function routePath(name: RouteName, input: { readonly params?: unknown; readonly query?: unknown } = {}): string {
  const path = name.slice(name.indexOf(' ') + 1).replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = (input.params as Record<string, unknown> | undefined)?.[key];
    if (value === undefined || value === null || value === '') throw new Error(`${name}: no value for {${key}}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries((input.query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, String(item));
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

