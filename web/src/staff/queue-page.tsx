import { useEffect, useRef, useState } from 'preact/hooks';
import type { Queue } from '../api-types.ts';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatDate, formatDateTime, formatNumber } from '../format.ts';
import { Link } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { kazakhstanToday } from './places.ts';
import { StaffFrame } from './staff-frame.tsx';

/** Children aged 0 to 6 this year: the cohorts a department queues. */
function recentBirthYears(): number[] {
  const year = Number(kazakhstanToday().slice(0, 4));
  return Array.from({ length: 7 }, (_, index) => year - index);
}

function QueueTable({ queue }: { queue: Queue }) {
  const { t, s, language } = useStaffI18n();
  return (
    <table class="table" data-qa="queue">
      <caption>{s.queue.caption(queue.birthYear, s.queue.total(queue.total))}</caption>
      <thead>
        <tr>
          <th scope="col" class="numeric">
            {s.queue.position}
          </th>
          <th scope="col">{s.queue.child}</th>
          <th scope="col">{s.queue.childIin}</th>
          <th scope="col">{s.queue.birthDate}</th>
          <th scope="col">{s.queue.registeredAt}</th>
          <th scope="col">{s.queue.priority}</th>
          <th scope="col">{s.queue.validUntil}</th>
        </tr>
      </thead>
      <tbody>
        {queue.entries.map((entry) => (
          <tr key={entry.applicationId} data-qa="queue-row" data-application-id={entry.applicationId} data-position={entry.position}>
            <td data-label={s.queue.position} class="numeric">
              {entry.position === undefined ? '—' : formatNumber(language, entry.position)}
            </td>
            <th scope="row" data-label={s.queue.child}>
              <Link href={`/staff/applications/${encodeURIComponent(entry.applicationId)}`} data-qa="queue-row-link">
                {entry.childName}
              </Link>
            </th>
            <td data-label={s.queue.childIin}>
              <span class="mono">{entry.childIin}</span>
            </td>
            <td data-label={s.queue.birthDate}>{formatDate(language, entry.birthDate)}</td>
            <td data-label={s.queue.registeredAt}>{formatDateTime(language, entry.registeredAt)}</td>
            <td data-label={s.queue.priority}>{t.priority[entry.priority]}</td>
            <td data-label={s.queue.validUntil}>{formatDate(language, entry.validUntil)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A birth-year cohort's queue, 200 rows a page. Earlier pages' starting points are kept so
 * "previous" works without the server counting backwards.
 */
export function QueuePage() {
  const { t, s, language } = useStaffI18n();
  const years = recentBirthYears();
  const [chosenYear, setChosenYear] = useState(years[3] ?? years[0] ?? 2000);
  const [shown, setShown] = useState({ year: chosenYear, afters: [0] });
  const after = shown.afters[shown.afters.length - 1] ?? 0;
  const page = useSessionPage<Queue>(`/api/staff/queue?birthYear=${shown.year}${after > 0 ? `&after=${after}` : ''}`, '/staff/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const focusResults = useRef(false);
  const data = page.state === 'ready' ? page.data : undefined;
  useEffect(() => {
    if (focusResults.current && data) resultsRef.current?.focus();
    focusResults.current = false;
  }, [data]);

  const show = (year: number, afters: number[]) => {
    focusResults.current = true;
    setShown({ year, afters });
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    show(chosenYear, [0]);
  };
  const entries = data?.entries ?? [];
  const first = entries[0]?.position;
  const last = entries[entries.length - 1]?.position;
  const hasNext = data !== undefined && last !== undefined && last < data.total && entries.length > 0;

  return (
    <StaffFrame identity={identity}>
      <PageHeading>{s.queue.title}</PageHeading>
      <form class="inline-form" onSubmit={onSubmit} data-qa="queue-form">
        <div class="field">
          <label for="birth-year">{s.queue.birthYear}</label>
          <select id="birth-year" class="input input--short" value={chosenYear} onChange={(event) => setChosenYear(Number(event.currentTarget.value))} data-qa="queue-birth-year">
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button" data-qa="queue-show">
          {s.queue.show}
        </button>
      </form>
      <LiveStatus message={page.state === 'loading' ? t.common.loading : ''} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {data && (
        <section aria-labelledby="queue-results">
          <h2 id="queue-results" ref={resultsRef} tabIndex={-1}>
            {first !== undefined && last !== undefined ? s.queue.shown(formatNumber(language, first), formatNumber(language, last)) : s.queue.title}
          </h2>
          {entries.length === 0 ? <p data-qa="queue-empty">{s.queue.empty}</p> : <QueueTable queue={data} />}
          {(shown.afters.length > 1 || hasNext) && (
            <nav class="pager" aria-label={s.queue.pages}>
              {shown.afters.length > 1 && (
                <button type="button" class="button button--secondary" onClick={() => show(shown.year, shown.afters.slice(0, -1))} data-qa="queue-previous">
                  {s.queue.previous}
                </button>
              )}
              {hasNext && last !== undefined && (
                <button type="button" class="button button--secondary" onClick={() => show(shown.year, [...shown.afters, last])} data-qa="queue-next">
                  {s.queue.next}
                </button>
              )}
            </nav>
          )}
        </section>
      )}
    </StaffFrame>
  );
}
