import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage, isUnauthorized } from '../api.ts';
import { api } from '../client.ts';
import type { ApplicationSearch } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import type { FormError } from '../forms.ts';
import { errorFor } from '../forms.ts';
import { navigate } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { QueueTable } from './queue-table.tsx';
import { StaffFrame } from './staff-frame.tsx';

const searchOf = () => new URLSearchParams(location.search).get('q') ?? '';

/**
 * The help desk: a parent calls or comes in, and staff find the application by what the parent
 * knows (the child's IIN, the child's name from its start, or the application number). The text
 * stays in the URL (reload and back work); the hits go to a table whose caption a live region
 * announces, and focus moves to it.
 */
export function SearchPage() {
  const { t, s } = useStaffI18n();
  const page = useSessionPage('GET /api/me', {}, '/staff/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  const [text, setText] = useState(searchOf);
  const [found, setFound] = useState<ApplicationSearch>();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const resultsRef = useRef<HTMLHeadingElement>(null);

  const run = async (query: string, focus: boolean) => {
    setBusy(true);
    const result = await api('GET /api/staff/applications', { query: { q: query } });
    setBusy(false);
    if (!result.ok) {
      if (isUnauthorized(result.failure)) return navigate('/staff/login');
      const fields = result.failure.kind === 'http' ? result.failure.error?.fields : undefined;
      setFound(undefined);
      setErrors(fields?.length ? fields.map(({ message }) => ({ field: 'search-q', message })) : [{ message: failureMessage(result.failure, t) }]);
      return;
    }
    setErrors([]);
    setFound(result.data);
    if (focus) setTimeout(() => resultsRef.current?.focus(), 0);
  };

  useEffect(() => {
    const initial = searchOf();
    if (initial.trim() !== '') void run(initial, false);
  }, []);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const url = `${location.pathname}?${new URLSearchParams({ q: text.trim() }).toString()}`;
    if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
    void run(text.trim(), true);
  };

  const caption = found && s.search.found(found.entries.length);
  return (
    <StaffFrame identity={identity}>
      <PageHeading>{s.search.title}</PageHeading>
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {page.state === 'ready' && (
        <>
          <p class="lead">{s.search.intro}</p>
          <ErrorSummary errors={errors} />
          <form onSubmit={onSubmit} noValidate role="search" aria-label={s.search.title} data-qa="search-form">
            <TextField
              id="search-q"
              label={s.search.label}
              hint={s.search.hint}
              error={errorFor(errors, 'search-q')}
              value={text}
              onValue={setText}
              qa="search-q"
              autocomplete="off"
              spellcheck={false}
              maxLength={100}
            />
            <button type="submit" class="button" disabled={busy} data-qa="search-submit">
              {busy ? t.common.loading : s.search.submit}
            </button>
          </form>
          <LiveStatus message={busy ? t.common.loading : (caption ?? '')} />
          {found && (
            <section aria-labelledby="search-results-title">
              <h2 id="search-results-title" tabIndex={-1} ref={resultsRef} data-qa="search-results-title">
                {s.search.results}
              </h2>
              {found.entries.length === 0 ? <p data-qa="search-empty">{s.search.empty}</p> : <QueueTable queue={found} caption={caption!} />}
            </section>
          )}
        </>
      )}
    </StaffFrame>
  );
}
