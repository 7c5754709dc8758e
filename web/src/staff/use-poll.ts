import { useEffect, useState } from 'preact/hooks';
import { isUnauthorized, type ApiResult } from '../api.ts';
import { navigate } from '../router.tsx';

/**
 * While `active`, fetches once `delayMs` after each change of `shown` (the data on screen), so a
 * page that shows each answer polls at that pace. An answer that arrives after the page moved on
 * is dropped; a lost session goes to the staff login; any other failure is retried.
 */
export function usePoll<T>(active: boolean, delayMs: number, shown: unknown, fetch: () => Promise<ApiResult<T>>, onData: (data: T) => void): void {
  const [retries, setRetries] = useState(0);
  useEffect(() => {
    if (!active) return;
    let current = true;
    const timer = setTimeout(() => {
      void fetch().then((result) => {
        if (!current) return;
        if (result.ok) onData(result.data);
        else if (isUnauthorized(result.failure)) navigate('/staff/login');
        else setRetries((count) => count + 1);
      });
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [active, shown, retries]);
}
