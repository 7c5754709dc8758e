import { useEffect, useState } from 'preact/hooks';
import { api } from './client.ts';
import type { Site } from './api-types.ts';

/*
 * The education department this site belongs to. One build serves every department of a
 * deployment: the department is found at run time by the host name the page was opened on
 * (`GET /api/public/site?host=…`, a read by key of the host's item), once per page load.
 */

let site: Promise<Site | undefined> | undefined;
let known: Site | undefined;

/** The department of this host, or undefined when no department's site is here (or the API could not say). */
export function loadSite(): Promise<Site | undefined> {
  site ??= api('GET /api/public/site', { query: { host: location.hostname } }).then((result) => {
    known = result.ok ? result.data.site : undefined;
    return known;
  });
  return site;
}

/** The department for a component: undefined until known (pages after the first have it at once). */
export function useSite(): Site | undefined {
  const [current, setCurrent] = useState(known);
  useEffect(() => {
    let mounted = true;
    void loadSite().then((loaded) => {
      if (mounted) setCurrent(loaded);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return current;
}
