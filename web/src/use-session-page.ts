import { useEffect, useState } from 'preact/hooks';
import { isForbidden, isUnauthorized, request, type ApiFailure } from './api.ts';
import { api, routePath, type RouteAnswer, type RouteInput, type RouteName } from './client.ts';
import type { Identity } from './api-types.ts';
import { navigate } from './router.tsx';

export type SessionPage<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly identity: Identity; readonly data: T }
  | { readonly state: 'forbidden'; readonly identity: Identity | undefined }
  | { readonly state: 'failed'; readonly identity: Identity | undefined; readonly failure: ApiFailure };

/**
 * Loads who is logged in and the page's data together. No session (401) sends the user to
 * `loginPath`; the wrong role (403) becomes a "not allowed" page rather than a redirect loop.
 * Changing `reload` fetches again; the page keeps showing the old data until the new arrives.
 * The data comes from a GET route named as in the route table, with its typed input and answer.
 */
export function useSessionPage<N extends RouteName & `GET ${string}`>(route: N, input: RouteInput<N>, loginPath: string, reload = 0): SessionPage<RouteAnswer<N>> {
  type T = RouteAnswer<N>;
  const [page, setPage] = useState<SessionPage<T>>({ state: 'loading' });
  const dataPath = routePath(route, input as { readonly params?: unknown; readonly query?: unknown });
  useEffect(() => {
    let current = true;
    void Promise.all([api('GET /api/me'), request<T>('GET', dataPath)]).then(([me, data]) => {
      if (!current) return;
      const identity = me.ok ? me.data : undefined;
      const failure = !me.ok ? me.failure : !data.ok ? data.failure : undefined;
      if (failure === undefined && identity && data.ok) setPage({ state: 'ready', identity, data: data.data });
      else if (failure && isUnauthorized(failure)) navigate(loginPath, { replace: true });
      else if (failure && isForbidden(failure)) setPage({ state: 'forbidden', identity });
      else if (failure) setPage({ state: 'failed', identity, failure });
    });
    return () => {
      current = false;
    };
  }, [dataPath, loginPath, reload]);
  return page;
}
