import { request, type ApiResult } from './api.ts';
import { routePath, type Bare, type RouteAnswer, type RouteInput, type RouteName } from './route-names.ts';

export { routePath, type RouteAnswer, type RouteInput, type RouteName } from './route-names.ts';

/**
 * The API called by route, typed from the route table itself (issue 15.6): the route's name is
 * its method and path as the table declares them (`'GET /api/staff/applications/{applicationId}'`),
 * and its path parameters, query, body and answer are the types of the route's own schemas. No
 * code is generated and nothing of the table reaches the bundle: the import is of types only.
 * A path, a parameter or a body field the server does not know fails `tsc`.
 *
 * Calls a route by name with its typed input; the answer is typed by the route's response schema. */
export function api<N extends Bare>(name: N): Promise<ApiResult<RouteAnswer<N>>>;
export function api<N extends RouteName>(name: N, input: RouteInput<N>): Promise<ApiResult<RouteAnswer<N>>>;
export function api<N extends RouteName>(name: N, input: Partial<{ params: unknown; query: unknown; body: unknown }> = {}): Promise<ApiResult<RouteAnswer<N>>> {
  const method = name.slice(0, name.indexOf(' ')) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  return request<RouteAnswer<N>>(method, routePath(name, input), input.body);
}
