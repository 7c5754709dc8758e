import { useEffect, useState } from 'preact/hooks';
import { type ApiFailure } from '../api.ts';
import { api } from '../client.ts';
import type { StaffKindergarten } from '../api-types.ts';

export type KindergartenList =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly kindergartens: readonly StaffKindergarten[] }
  | { readonly state: 'failed'; readonly failure: ApiFailure };

/** The department's kindergartens for a choice on the page (loaded once, only when needed). */
export function useKindergartens(needed = true): KindergartenList {
  const [list, setList] = useState<KindergartenList>({ state: 'loading' });
  useEffect(() => {
    if (!needed || list.state === 'ready') return;
    let current = true;
    void api('GET /api/staff/kindergartens').then((result) => {
      if (!current) return;
      setList(result.ok ? { state: 'ready', kindergartens: result.data.kindergartens } : { state: 'failed', failure: result.failure });
    });
    return () => {
      current = false;
    };
  }, [needed]);
  return list;
}
