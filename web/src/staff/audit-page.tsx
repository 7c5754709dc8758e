import { useEffect, useState } from 'preact/hooks';
import { failureMessage } from '../api.ts';
import { api, type RouteInput } from '../client.ts';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatDateTime } from '../format.ts';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { SelectField } from './select-field.tsx';
import { StaffFrame } from './staff-frame.tsx';

type AuditQueryInput = RouteInput<'GET /api/staff/audit-events'>['query'];

const recordTypes = ['application', 'kindergarten', 'campaign', 'export', 'import', 'queue'] as const;
const filterNames = ['accountId', 'recordType', 'recordId', 'action', 'from', 'to'] as const;
type Filters = Record<(typeof filterNames)[number], string>;

function filtersFrom(search: string): Filters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(filterNames.map((name) => [name, params.get(name) ?? ''])) as Filters;
}

function searchOf(filters: Filters, cursor?: string): string {
  const params = new URLSearchParams();
  for (const name of filterNames) if (filters[name]) params.set(name, filters[name]);
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/**
 * The department's audit trail for its administrator: who did what to which record and with what
 * outcome, newest first, filtered by person, record, action and days; pages by a cursor in the
 * URL; the filtered trail downloads as CSV. Ids only: the trail holds no IIN or phone number.
 */
export function AuditPage() {
  const { t, s, language } = useStaffI18n();
  const [search, setSearch] = useState(location.search.slice(1));
  useEffect(() => {
    const onPopState = () => setSearch(location.search.slice(1));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const shown = filtersFrom(search);
  const [chosen, setChosen] = useState(shown);
  useEffect(() => setChosen(filtersFrom(search)), [search]);
  // The URL's filters as typed (by hand too): the server checks them and names what is wrong.
  const page = useSessionPage('GET /api/staff/audit-events', { query: Object.fromEntries(new URLSearchParams(search)) as AuditQueryInput }, '/staff/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  const [exportMessage, setExportMessage] = useState('');

  const go = (next: string) => {
    history.pushState(null, '', `${location.pathname}${next ? `?${next}` : ''}`);
    setSearch(next);
  };
  const onSubmit = (event: Event) => {
    event.preventDefault();
    go(searchOf(chosen));
  };
  const choose = (name: keyof Filters) => (value: string) => setChosen((current) => ({ ...current, [name]: value }));
  const download = async () => {
    setExportMessage(t.common.loading);
    const result = await api('GET /api/staff/audit-events/export', { query: Object.fromEntries(new URLSearchParams(searchOf(shown))) as AuditQueryInput });
    if (!result.ok) return setExportMessage(failureMessage(result.failure, t));
    const url = URL.createObjectURL(new Blob([result.data.csv], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: result.data.fileName });
    link.click();
    URL.revokeObjectURL(url);
    setExportMessage(result.data.truncated ? s.audit.truncated(result.data.rows) : s.audit.exported(result.data.rows));
  };
  const data = page.state === 'ready' ? page.data : undefined;

  return (
    <StaffFrame identity={identity}>
      <PageHeading>{s.audit.title}</PageHeading>
      <p>{s.audit.intro}</p>
      {/* A role that may not read the audit gets the notice below, not filters that can only fail */}
      {page.state !== 'forbidden' && (
        <form class="filters" onSubmit={onSubmit} aria-label={s.audit.filters} data-qa="audit-form">
          <TextField id="audit-person" label={s.audit.person} hint={s.audit.personHint} value={chosen.accountId} onValue={choose('accountId')} qa="audit-person" />
          <SelectField
            id="audit-record-type"
            label={s.audit.recordType}
            value={chosen.recordType}
            onValue={choose('recordType')}
            options={[{ value: '', label: s.audit.anyRecord }, ...recordTypes.map((type) => ({ value: type, label: s.audit.recordTypes[type] }))]}
            qa="audit-record-type"
          />
          <TextField id="audit-record-id" label={s.audit.recordId} value={chosen.recordId} onValue={choose('recordId')} qa="audit-record-id" />
          <TextField id="audit-action" label={s.audit.action} hint={s.audit.actionHint} value={chosen.action} onValue={choose('action')} qa="audit-action" />
          <TextField id="audit-from" type="date" label={s.audit.from} value={chosen.from} onValue={choose('from')} qa="audit-from" />
          <TextField id="audit-to" type="date" label={s.audit.to} value={chosen.to} onValue={choose('to')} qa="audit-to" />
          <div class="filters__submit">
            <button type="submit" class="button" data-qa="audit-show">
              {s.audit.show}
            </button>
          </div>
        </form>
      )}
      <LiveStatus message={page.state === 'loading' ? t.common.loading : data ? s.audit.found(data.events.length) : ''} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {data && (
        <section aria-labelledby="audit-results">
          <h2 id="audit-results">{s.audit.results}</h2>
          <p>
            <button type="button" class="button button--secondary" onClick={download} data-qa="audit-csv">
              {s.audit.csv}
            </button>
          </p>
          <LiveStatus message={exportMessage} />
          {data.events.length === 0 ? (
            <p data-qa="audit-empty">{s.audit.empty}</p>
          ) : (
            <table class="table" data-qa="audit-events">
              <caption class="visually-hidden">{s.audit.results}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.audit.time}</th>
                  <th scope="col">{s.audit.person}</th>
                  <th scope="col">{s.audit.action}</th>
                  <th scope="col">{s.audit.record}</th>
                  <th scope="col">{s.audit.outcome}</th>
                </tr>
              </thead>
              <tbody>
                {data.events.map((event) => (
                  <tr key={event.eventId} data-qa="audit-row">
                    <td data-label={s.audit.time}>{formatDateTime(language, event.at)}</td>
                    <td data-label={s.audit.person} class="break-anywhere">
                      {event.actor.accountId}
                    </td>
                    <td data-label={s.audit.action}>{event.action}</td>
                    <td data-label={s.audit.record} class="break-anywhere">{event.record ? `${s.audit.recordTypes[event.record.type as (typeof recordTypes)[number]] ?? event.record.type} ${event.record.id}` : ''}</td>
                    <td data-label={s.audit.outcome}>{event.outcome === 'success' ? s.audit.success : event.outcome}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.cursor && (
            <nav class="pager" aria-label={s.audit.pages}>
              <button type="button" class="button button--secondary" onClick={() => go(searchOf(shown, data.cursor))} data-qa="audit-next">
                {s.audit.next}
              </button>
            </nav>
          )}
        </section>
      )}
    </StaffFrame>
  );
}
