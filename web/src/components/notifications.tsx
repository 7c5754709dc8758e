import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage, isUnauthorized } from '../api.ts';
import { api } from '../client.ts';
import type { MarkRead, Notice, Notifications } from '../api-types.ts';
import { formatDate, formatDateTime, formatKazakhstanDate, formatList } from '../format.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Language } from '../i18n/language.ts';
import type { Messages } from '../i18n/ru.ts';
import { navigate } from '../router.tsx';
import { LiveStatus } from './live-status.tsx';

/** The server takes at most this many ids in one "mark as read". */
const markLimit = 100;

type Kind = keyof Messages['notifications']['kinds'];
type Channel = keyof Messages['notifications']['channels'];
type Delivery = keyof Messages['notifications']['channels']['cabinet'];

const channelOrder: readonly Channel[] = ['cabinet', 'sms', 'sms2', 'email'];

function text(value: Notice['params'][string] | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A calendar date (`YYYY-MM-DD`) as it is; an instant as its day in Kazakhstan. */
function dateParam(language: Language, value: string | undefined): string | undefined {
  if (!value) return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(language, value) : formatKazakhstanDate(language, value);
}

/** One plain sentence for a notice, in the reader's language at this moment. */
export function noticeSentence(notice: Notice, t: Messages, language: Language): string {
  const sentence = t.notifications.kinds[notice.kind];
  const { childName, count, validUntil, endsAt } = notice.params;
  const kind = notice.kind as Kind;
  const campaign = kind === 'campaign_started' || kind === 'campaign_reminder';
  return sentence({
    child: text(childName),
    count: kind === 'confirm' && typeof count === 'number' ? count : undefined,
    date: campaign ? dateParam(language, text(endsAt)) : kind === 'confirm' ? dateParam(language, text(validUntil)) : undefined,
  });
}

/** Where a notice went and how, in words: "in the cabinet, SMS failed". */
function channelWords(notice: Notice, t: Messages, language: Language): { words: string; failed: boolean } {
  const words: string[] = [];
  let failed = false;
  for (const channel of channelOrder) {
    const status = notice.channels[channel] as Delivery | undefined;
    if (!status) continue;
    const word = (t.notifications.channels[channel] as Readonly<Record<string, string | undefined>>)[status];
    if (!word) continue;
    words.push(word);
    failed ||= status === 'failed';
  }
  return { words: formatList(language, words), failed };
}

type State = { readonly state: 'loading' } | { readonly state: 'failed'; readonly message: string } | { readonly state: 'ready'; readonly data: Notifications };

/**
 * The parent's notices as the cabinet loads them beside its applications: `undefined` while
 * loading, `null` when they could not be had (the section then asks again and shows the problem).
 */
export function useNotices(): Notifications | null | undefined {
  const [notices, setNotices] = useState<Notifications | null | undefined>();
  useEffect(() => {
    let live = true;
    void api('GET /api/cabinet/notifications').then((result) => {
      if (live) setNotices(result.ok ? result.data : null);
    });
    return () => {
      live = false;
    };
  }, []);
  return notices;
}

/**
 * The parent's notices, newest first: what happened, when, and where it was sent. Unread ones
 * stand out (a "New" tag and a bar, not colour alone) and can be marked as read one by one or
 * all at once; the count and a polite announcement follow.
 */
export function NotificationsSection({ initial }: { initial?: Notifications } = {}) {
  const { t, language } = useI18n();
  const [view, setView] = useState<State>(initial ? { state: 'ready', data: initial } : { state: 'loading' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    // Loaded by the page together with its other data (so it appears with them, without moving them).
    if (initial) return;
    let live = true;
    void api('GET /api/cabinet/notifications').then((result) => {
      if (!live) return;
      if (result.ok) setView({ state: 'ready', data: result.data });
      else if (isUnauthorized(result.failure)) navigate('/login');
      else setView({ state: 'failed', message: failureMessage(result.failure, t) });
    });
    return () => {
      live = false;
    };
  }, []);

  const markRead = async (ids: readonly string[], focusIndex?: number) => {
    if (view.state !== 'ready' || ids.length === 0) return;
    setBusy(true);
    setProblem('');
    setAnnouncement('');
    const body: MarkRead = { notificationIds: ids.slice(0, markLimit) };
    const result = await api('POST /api/cabinet/notifications/read', { body });
    setBusy(false);
    if (!result.ok) {
      if (isUnauthorized(result.failure)) navigate('/login');
      else setProblem(failureMessage(result.failure, t));
      return;
    }
    const sent = new Set(body.notificationIds);
    const changed = view.data.notifications.filter((notice) => !notice.read && sent.has(notice.notificationId)).length;
    const unread = Math.max(0, view.data.unread - changed);
    setView({
      state: 'ready',
      data: { unread, notifications: view.data.notifications.map((notice) => (sent.has(notice.notificationId) ? { ...notice, read: true } : notice)) },
    });
    setAnnouncement(`${t.notifications.marked(changed)} ${t.notifications.unreadLeft(unread)}`);
    // The pressed button goes away with the unread state: keep focus on the notice it was in.
    const target = focusIndex === undefined ? headingRef.current : listRef.current?.querySelectorAll<HTMLElement>('.notice__text')[focusIndex];
    target?.focus();
  };

  const unreadIds = view.state === 'ready' ? view.data.notifications.filter((notice) => !notice.read).map((notice) => notice.notificationId) : [];

  return (
    <section aria-labelledby="notifications-heading" class="notifications" data-qa="notifications">
      <h2 id="notifications-heading" ref={headingRef} tabIndex={-1}>
        {t.notifications.heading}
        {view.state === 'ready' && (
          <>
            {' '}
            <span class="notifications__count" data-qa="notifications-unread" data-unread={view.data.unread}>
              ({t.notifications.unread(view.data.unread)})
            </span>
          </>
        )}
      </h2>
      <LiveStatus message={announcement} hidden />
      {view.state === 'loading' && <p class="hint">{t.common.loading}</p>}
      {view.state === 'failed' && (
        <p class="inline-error" role="alert" data-qa="notifications-error">
          {view.message}
        </p>
      )}
      {view.state === 'ready' && view.data.notifications.length === 0 && <p data-qa="notifications-empty">{t.notifications.empty}</p>}
      {view.state === 'ready' && unreadIds.length > 0 && (
        <div class="button-group notifications__actions">
          <button type="button" class="button button--secondary button--small" disabled={busy} onClick={() => void markRead(unreadIds)} data-qa="mark-all-read">
            {t.notifications.markAllRead}
          </button>
        </div>
      )}
      {view.state === 'ready' && view.data.notifications.length > 0 && (
        <ul class="notices" ref={listRef}>
          {view.data.notifications.map((notice, index) => {
            const sentence = noticeSentence(notice, t, language);
            const channels = channelWords(notice, t, language);
            return (
              <li
                key={notice.notificationId}
                class={notice.read ? 'notice' : 'notice notice--unread'}
                data-qa="notification"
                data-read={String(notice.read)}
                data-kind={notice.kind}
                data-notification-id={notice.notificationId}
              >
                <p class="notice__meta">
                  {!notice.read && <strong class="notice__tag">{t.notifications.unreadTag}</strong>}{' '}
                  <time dateTime={notice.createdAt}>{formatDateTime(language, notice.createdAt)}</time>
                </p>
                <p class="notice__text" tabIndex={-1} data-qa="notification-text">
                  {sentence}
                </p>
                {channels.words && (
                  <p class={channels.failed ? 'notice__channels notice__channels--failed' : 'notice__channels'} data-qa="notification-channels">
                    {t.notifications.channelsLabel} {channels.words}
                  </p>
                )}
                {!notice.read && (
                  <button type="button" class="button button--secondary button--small" disabled={busy} onClick={() => void markRead([notice.notificationId], index)} data-qa="mark-read">
                    {t.notifications.markRead}
                    <span class="visually-hidden">: {sentence}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {problem && (
        <p class="inline-error" role="alert" data-qa="notifications-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
