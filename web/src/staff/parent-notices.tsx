import type { StaffApplicationPageAnswer } from '../api-types.ts';
import { noticeSentence } from '../components/notifications.tsx';
import { formatDateTime } from '../format.ts';
import { useStaffI18n } from './i18n/context.ts';

type StaffNotice = StaffApplicationPageAnswer['notices'][number];

const channelOrder = ['cabinet', 'sms', 'email'] as const;

/** One channel's delivery in words: "SMS delivered at 06.12.2026 10:02", with a failure's reason. */
function ChannelLine({ notice, channel }: { notice: StaffNotice; channel: (typeof channelOrder)[number] }) {
  const { t, s, language } = useStaffI18n();
  const status = notice.channels[channel];
  const word = status ? (t.notifications.channels[channel] as Readonly<Record<string, string | undefined>>)[status] : undefined;
  if (!word) return null;
  const delivery = channel === 'cabinet' ? undefined : notice.deliveries[channel];
  return (
    <li data-qa={`parent-notice-${channel}`} data-status={status} class={status === 'failed' ? 'notice__channels--failed' : undefined}>
      {word}
      {delivery?.at && <> {s.application.notices.at(formatDateTime(language, delivery.at))}</>}
      {delivery?.reason && <>. {s.application.notices.reason(delivery.reason)}</>}
    </li>
  );
}

/**
 * The parent's latest notices in this department beside an application: what was said and when,
 * whether they read it in the cabinet, and how each SMS or e-mail went (queued, being sent, sent,
 * delivered, failed and why), so whoever takes the parent's call knows what reached them.
 */
export function ParentNotices({ notices }: { notices: readonly StaffNotice[] }) {
  const { t, s, language } = useStaffI18n();
  return (
    <section aria-labelledby="parent-notices-heading" data-qa="parent-notices">
      <h2 id="parent-notices-heading">{s.application.notices.heading}</h2>
      {notices.length === 0 ? (
        <p data-qa="parent-notices-none">{s.application.notices.none}</p>
      ) : (
        <ol class="notices">
          {notices.map((notice) => (
            <li key={notice.notificationId} class="notice" data-qa="parent-notice" data-kind={notice.kind}>
              <p class="notice__meta">
                <time dateTime={notice.createdAt}>{formatDateTime(language, notice.createdAt)}</time>
                {!notice.aboutThisApplication && <> · {s.application.notices.otherApplication}</>}
              </p>
              <p class="notice__text">{noticeSentence(notice, t, language)}</p>
              <ul class="notice__channels" aria-label={t.notifications.channelsLabel}>
                {channelOrder.map((channel) => (
                  <ChannelLine key={channel} notice={notice} channel={channel} />
                ))}
                <li data-qa="parent-notice-read">{notice.read ? s.application.notices.read : s.application.notices.unread}</li>
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
