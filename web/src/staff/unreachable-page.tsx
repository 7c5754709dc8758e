import type { RouteAnswer } from '../client.ts';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatDateTime } from '../format.ts';
import { Link } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { StaffFrame } from './staff-frame.tsx';

type Unreachable = RouteAnswer<'GET /api/staff/unreachable-parents'>['parents'][number];

/** The channels that leave the cabinet, in the order they are tried. */
const channelOrder = ['sms', 'sms2', 'email'] as const;

/** Each channel the notice went on: what happened ("SMS failed"), when, and the provider's reason. */
function Failures({ parent }: { parent: Unreachable }) {
  const { t, s, language } = useStaffI18n();
  return (
    <ul class="plain-list">
      {channelOrder.map((channel) => {
        const status = parent.channels[channel];
        if (!status) return null;
        const word = (t.notifications.channels[channel] as Readonly<Record<string, string | undefined>>)[status] ?? status;
        const delivery = parent.deliveries[channel];
        return (
          <li key={channel} data-qa={`unreachable-${channel}`} data-status={status}>
            {word}
            {delivery?.at && <> {s.application.notices.at(formatDateTime(language, delivery.at))}</>}
            {delivery?.reason && <>. {s.application.notices.reason(delivery.reason)}</>}
          </li>
        );
      })}
    </ul>
  );
}

/** The phone numbers to call, as `tel:` links (a phone in the console dials them). */
function Phones({ parent }: { parent: Unreachable }) {
  const { s } = useStaffI18n();
  const phones = [
    { number: parent.phone, label: s.unreachable.firstPhone, qa: 'unreachable-phone' },
    ...(parent.secondPhone ? [{ number: parent.secondPhone, label: s.unreachable.secondPhone, qa: 'unreachable-second-phone' }] : []),
  ].filter((phone) => phone.number !== '');
  if (phones.length === 0) return <>{s.unreachable.noPhone}</>;
  return (
    <ul class="plain-list">
      {phones.map((phone) => (
        <li key={phone.qa}>
          <a href={`tel:${phone.number}`} data-qa={phone.qa} aria-label={`${phone.label}: ${phone.number}`}>
            {phone.number}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The department's parents whom a notice reached on no channel (every SMS, the second phone's
 * included, and every e-mail failed), newest first, optionally of one campaign (`?campaignId=`):
 * the operator calls them. The API lists at most the latest 200 and does not page. On a narrow
 * screen each row becomes a card (the table's `data-label`s), so nothing scrolls sideways.
 */
export function UnreachablePage() {
  const { t, s, language } = useStaffI18n();
  const campaignId = new URLSearchParams(location.search).get('campaignId') ?? undefined;
  const page = useSessionPage('GET /api/staff/unreachable-parents', { query: campaignId ? { campaignId } : {} }, '/staff/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  const data = page.state === 'ready' ? page.data : undefined;

  return (
    <StaffFrame identity={identity}>
      <PageHeading>{s.unreachable.title}</PageHeading>
      <p>{s.unreachable.intro}</p>
      {campaignId && (
        <p data-qa="unreachable-campaign">
          {s.unreachable.ofCampaign}{' '}
          <Link href={`/staff/campaigns/${encodeURIComponent(campaignId)}`} data-qa="unreachable-campaign-link">
            {s.unreachable.toCampaign}
          </Link>{' '}
          · <Link href="/staff/unreachable" data-qa="unreachable-all">{s.unreachable.all}</Link>
        </p>
      )}
      <LiveStatus message={page.state === 'loading' ? t.common.loading : data ? s.unreachable.found(data.parents.length) : ''} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {data &&
        (data.parents.length === 0 ? (
          <p data-qa="unreachable-empty">{s.unreachable.empty}</p>
        ) : (
          <table class="table table--wide" data-qa="unreachable-parents">
            <caption>{s.unreachable.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{s.unreachable.parent}</th>
                <th scope="col">{s.unreachable.phones}</th>
                <th scope="col">{s.unreachable.application}</th>
                <th scope="col">{s.unreachable.notice}</th>
                <th scope="col">{s.unreachable.failures}</th>
              </tr>
            </thead>
            <tbody>
              {data.parents.map((parent) => (
                <tr key={parent.notificationId} data-qa="unreachable-row" data-kind={parent.kind}>
                  <th scope="row" data-label={s.unreachable.parent} data-qa="unreachable-name">
                    {parent.parentName || s.unreachable.noName}
                  </th>
                  <td data-label={s.unreachable.phones}>
                    <Phones parent={parent} />
                  </td>
                  <td data-label={s.unreachable.application} class="break-anywhere">
                    {parent.applicationId === '-' ? (
                      s.unreachable.noApplication
                    ) : (
                      <Link href={`/staff/applications/${encodeURIComponent(parent.applicationId)}`} data-qa="unreachable-application">
                        {parent.childName ? s.unreachable.applicationOf(parent.childName) : parent.applicationId}
                      </Link>
                    )}
                  </td>
                  <td data-label={s.unreachable.notice}>
                    <span data-qa="unreachable-notice">{t.notifications.kinds[parent.kind]({ child: parent.childName })}</span>{' '}
                    <span class="hint">{s.unreachable.sentAt(formatDateTime(language, parent.createdAt))}</span>
                  </td>
                  <td data-label={s.unreachable.failures}>
                    <Failures parent={parent} />
                    <span class="hint" data-qa="unreachable-at">
                      {s.unreachable.unreachableAt(formatDateTime(language, parent.unreachableAt))}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </StaffFrame>
  );
}
