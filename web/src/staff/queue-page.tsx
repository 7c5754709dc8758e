import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatNumber } from '../format.ts';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { QueueFilterForm } from './queue-filter-form.tsx';
import { queueQueryFrom, queueSearch, type QueueQuery } from './queue-query.ts';
import { QueueTable } from './queue-table.tsx';
import { StaffFrame } from './staff-frame.tsx';

/** The page's URL query, following back and forward. */
function useLocationSearch(): [string, (search: string) => void] {
  const [search, setSearch] = useState(location.search);
  useEffect(() => {
    const onPopState = () => setSearch(location.search);
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const push = (next: string) => {
    const url = `${location.pathname}?${next}`;
    if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
    setSearch(location.search);
  };
  return [search, push];
}

/**
 * The queue browser: one cohort's applications in one status, narrowed by priority and preferred
 * kindergarten, 200 rows a page. Filters and page live in the URL, so links and the back button
 * work; after "Show" or "Next" focus moves to the results, whose count a live region announces.
 */
export function QueuePage() {
  const { t, s, language } = useStaffI18n();
  const [search, pushSearch] = useLocationSearch();
  const shown = useMemo(() => queueQueryFrom(search), [search]);
  const dataPath = `/api/staff/queue?${queueSearch(shown)}`;
  const page = useSessionPage('GET /api/staff/queue', { query: { ...shown, priority: shown.priority || undefined, kindergartenId: shown.kindergartenId || undefined } }, '/staff/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  const data = page.state === 'ready' ? page.data : undefined;
  // The hook keeps an earlier list's data until the new one arrives (answers to older requests
  // are dropped), so new data always belongs to the current URL; until then nothing stale shows.
  const [loadedPath, setLoadedPath] = useState<string>();
  useEffect(() => {
    if (data) setLoadedPath(dataPath);
  }, [data]);
  const current = loadedPath === dataPath ? data : undefined;
  useEffect(() => {
    if (!focusResults.current || !current) return;
    resultsRef.current?.focus();
    focusResults.current = false;
  }, [current]);

  const show = (query: QueueQuery) => {
    // The same list again loads nothing new: go straight to the results.
    if (queueSearch(query) === queueSearch(shown)) return resultsRef.current?.focus();
    focusResults.current = true;
    pushSearch(queueSearch(query));
  };
  const entries = current?.entries ?? [];
  const first = entries[0]?.position;
  const last = entries[entries.length - 1]?.position;
  const next: QueueQuery | undefined =
    current?.nextAfter !== undefined ? { ...shown, after: current.nextAfter } : current?.nextCursor !== undefined ? { ...shown, cursor: current.nextCursor } : undefined;
  const paged = shown.after !== undefined || shown.cursor !== undefined;
  const { after: _after, cursor: _cursor, ...firstPage } = shown;
  const announcement = current ? s.queueFilters.found(formatNumber(language, current.total)) : page.state === 'loading' || page.state === 'ready' ? t.common.loading : '';

  return (
    <StaffFrame identity={identity}>
      <PageHeading>{s.queue.title}</PageHeading>
      {/* A role that may not read the queue (an analyst who followed a link) gets the notice, not a form that can only fail */}
      {page.state !== 'forbidden' && <QueueFilterForm shown={shown} onShow={show} />}
      <LiveStatus message={announcement} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {current && (
        <section aria-labelledby="queue-results">
          <h2 id="queue-results" ref={resultsRef} tabIndex={-1}>
            {first !== undefined && last !== undefined ? s.queue.shown(formatNumber(language, first), formatNumber(language, last)) : s.queueFilters.results}
          </h2>
          {entries.length === 0 ? <p data-qa="queue-empty">{s.queue.empty}</p> : <QueueTable queue={current} />}
          {(paged || next) && (
            <nav class="pager" aria-label={s.queue.pages}>
              {paged && (
                <a href={`?${queueSearch(firstPage)}`} class="button button--secondary" onClick={followLink(() => show(firstPage))} data-qa="queue-first">
                  {s.queueFilters.firstPage}
                </a>
              )}
              {next && (
                <a href={`?${queueSearch(next)}`} class="button button--secondary" onClick={followLink(() => show(next))} data-qa="queue-next">
                  {s.queue.next}
                </a>
              )}
            </nav>
          )}
        </section>
      )}
    </StaffFrame>
  );
}

/** A plain click on a page link stays in the app; modified clicks (new tab) keep their meaning. */
function followLink(go: () => void) {
  return (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go();
  };
}
