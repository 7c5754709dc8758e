import type { Queue } from '../api-types.ts';
import { formatDate, formatDateTime, formatNumber } from '../format.ts';
import { Link } from '../router.tsx';
import { useStaffI18n } from './i18n/context.ts';

/**
 * One page of the queue browser (or the help desk's hits, with their own caption): a real table
 * from 40em, stacked label/value rows on a phone.
 */
export function QueueTable({ queue, caption }: { queue: Queue; caption?: string } | { queue: Pick<Queue, 'entries'> & { status?: undefined }; caption: string }) {
  const { t, s, language } = useStaffI18n();
  const queued = queue.status === 'queued';
  // The help desk's hits leave out the validity (it shows on the application): the table fits 768 px.
  const validity = caption === undefined;
  return (
    <table class="table table--wide" data-qa={caption === undefined ? 'queue' : 'search-results'}>
      <caption>{caption ?? (queue.status && s.queueFilters.caption(t.status[queue.status], (queue as Queue).birthYear, s.queue.total((queue as Queue).total)))}</caption>
      <thead>
        <tr>
          {queued && (
            <th scope="col" class="numeric">
              {s.queue.position}
            </th>
          )}
          <th scope="col">{s.queue.child}</th>
          <th scope="col">{s.queueFilters.statusColumn}</th>
          <th scope="col">{s.queue.childIin}</th>
          <th scope="col">{s.queue.birthDate}</th>
          <th scope="col">{s.queue.registeredAt}</th>
          <th scope="col">{s.queue.priority}</th>
          {validity && <th scope="col">{s.queue.validUntil}</th>}
        </tr>
      </thead>
      <tbody>
        {queue.entries.map((entry) => (
          <tr key={entry.applicationId} data-qa="queue-row" data-application-id={entry.applicationId} data-position={entry.position} data-status={entry.status}>
            {queued && (
              <td data-label={s.queue.position} class="numeric">
                {entry.position === undefined ? '—' : formatNumber(language, entry.position)}
              </td>
            )}
            <th scope="row" data-label={s.queue.child}>
              <Link href={`/staff/applications/${encodeURIComponent(entry.applicationId)}`} data-qa="queue-row-link">
                {entry.childName}
              </Link>
            </th>
            <td data-label={s.queueFilters.statusColumn} data-qa="queue-row-status">
              {entry.stopReason ? t.stopReason[entry.stopReason] : t.status[entry.status]}
            </td>
            <td data-label={s.queue.childIin}>
              <span class="mono">{entry.childIin}</span>
            </td>
            <td data-label={s.queue.birthDate}>{formatDate(language, entry.birthDate)}</td>
            <td data-label={s.queue.registeredAt}>{formatDateTime(language, entry.registeredAt)}</td>
            <td data-label={s.queue.priority} data-qa="queue-row-priority" data-priority={entry.priority}>
              {t.priority[entry.priority]}
            </td>
            {validity && <td data-label={s.queue.validUntil}>{formatDate(language, entry.validUntil)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
