import type { Language } from './language.ts';

/**
 * The SMS people read: one language per message (the parent's), short enough to be one segment
 * where it can (70 characters in UCS-2, which any Cyrillic letter forces), and the site's address
 * so the parent knows where to act. A text that needs two segments says so in `segments`; a unit
 * test measures every kind × language with the longest realistic parameters against it.
 */
export const smsKinds = ['campaign_started', 'campaign_reminder', 'stop_cleanup', 'referral_issued', 'referral_expired', 'restored_after_referral'] as const;
export type SmsKind = (typeof smsKinds)[number];

/** What a text may name. Dates are `DD.MM.YYYY` (Kazakhstan time); values are cut to the bounds below. */
export interface SmsParams {
  /** The site's address without the scheme, e.g. `kezek.gov.kz`. */
  readonly site: string;
  /** The child's first name (several, comma-separated, when one notice covers several children). */
  readonly child?: string;
  readonly kindergarten?: string;
  /** `DD.MM.YYYY`: the end of a campaign, a referral's last day, an automatic return. */
  readonly date?: string;
}

/** The longest value a text takes for each parameter; longer names are cut with "…", the site's address is not. */
export const smsParamBounds = { site: 16, child: 16, kindergarten: 36, date: 10 } as const satisfies Record<keyof SmsParams, number>;

interface SmsTemplate {
  /** Segments the text takes at most, with the longest parameters. */
  readonly segments: 1 | 2;
  readonly text: (p: Required<SmsParams>) => string;
}

export const smsTemplates: Readonly<Record<SmsKind, Readonly<Record<Language, SmsTemplate>>>> = {
  campaign_started: {
    kk: { segments: 1, text: (p) => `Балабақша кезегін ${p.date} ж. дейін растаңыз: ${p.site}` },
    ru: { segments: 1, text: (p) => `Подтвердите очередь в детсад до ${p.date}: ${p.site}` },
    en: { segments: 1, text: (p) => `Confirm your kindergarten queue place by ${p.date}: ${p.site}` },
  },
  campaign_reminder: {
    kk: { segments: 1, text: (p) => `Кезекті растау мерзімі ${p.date} аяқталады: ${p.site}` },
    ru: { segments: 1, text: (p) => `Подтверждение очереди заканчивается ${p.date}: ${p.site}` },
    en: { segments: 1, text: (p) => `Queue confirmation ends ${p.date}, confirm it: ${p.site}` },
  },
  // The stop names the child, how to come back and that the queue date survives: two segments.
  stop_cleanup: {
    kk: { segments: 2, text: (p) => `${p.child}: кезек расталмады, өтініш стоп-параққа түсті. Жеке кабинетте қайтарыңыз, тіркелу күні сақталады: ${p.site}` },
    ru: { segments: 2, text: (p) => `${p.child}: очередь не подтверждена, заявление в стоп-листе. Верните в кабинете, дата сохранится: ${p.site}` },
    en: { segments: 2, text: (p) => `${p.child}: queue not confirmed, application on the stop-list. Restore it in your cabinet, date kept: ${p.site}` },
  },
  referral_issued: {
    kk: { segments: 2, text: (p) => `${p.child}: жолдама берілді, ${p.kindergarten}. Оны ${p.date} ж. дейін пайдаланыңыз: ${p.site}` },
    ru: { segments: 2, text: (p) => `${p.child}: выдано направление в ${p.kindergarten}. Используйте его до ${p.date}: ${p.site}` },
    en: { segments: 2, text: (p) => `${p.child}: referral to ${p.kindergarten}. Use it by ${p.date}: ${p.site}` },
  },
  referral_expired: {
    kk: { segments: 2, text: (p) => `${p.child}: жолдама мерзімі өтті, өтініш стоп-парақта. ${p.date} ж. бұрынғы тіркелу күнімен кезекке оралады: ${p.site}` },
    ru: { segments: 2, text: (p) => `${p.child}: срок направления истёк, заявление в стоп-листе. ${p.date} вернётся в очередь с прежней датой: ${p.site}` },
    en: { segments: 2, text: (p) => `${p.child}: referral expired, application on the stop-list. On ${p.date} it returns to the queue, date kept: ${p.site}` },
  },
  restored_after_referral: {
    kk: { segments: 2, text: (p) => `${p.child}: өтініш стоп-парақтан бұрынғы тіркелу күнімен кезекке автоматты түрде оралды: ${p.site}` },
    ru: { segments: 1, text: (p) => `${p.child} снова в очереди, дата прежняя: ${p.site}` },
    en: { segments: 1, text: (p) => `${p.child} is back in the queue, date kept: ${p.site}` },
  },
};

const cut = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1).trimEnd()}…` : value);

const noSite = '\u0000';

/**
 * The text of an SMS of a kind in a language, names cut to their bounds. Every text ends with
 * `: <site>`; with no site configured it ends with a full stop instead.
 */
export function smsText(kind: SmsKind, language: Language, params: SmsParams): string {
  const bounded = {
    // An address is never cut (a cut one leads nowhere): `site` is the longest the declarations hold.
    site: params.site || noSite,
    child: cut(params.child ?? '', smsParamBounds.child),
    kindergarten: cut(params.kindergarten ?? '', smsParamBounds.kindergarten),
    date: cut(params.date ?? '', smsParamBounds.date),
  };
  const text = smsTemplates[kind][language].text(bounded);
  return params.site ? text : text.replace(`: ${noSite}`, '.');
}

/** The address as a person types it: no scheme, no trailing slash. */
export function siteAddress(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

/**
 * A child's first (given) name. Names are written as in Kazakhstan's documents and the
 * departments' files: surname, given name, then the patronymic if any ("Сейіт Әлия Маратқызы"),
 * which is also the order the help desk's search expects. A single word is taken as it is.
 */
export function firstName(childName: string): string {
  const words = childName.trim().split(/\s+/);
  return words[1] ?? words[0] ?? '';
}

/** `DD.MM.YYYY` of a `YYYY-MM-DD` date. */
export function smsDate(date: string): string {
  return date.split('-').reverse().join('.');
}

// GSM 03.38: the basic set (one septet each) and the extension table (two septets each, escape + char).
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('^{}\\[~]|€\f');

/**
 * How an SMS is encoded and how many segments it takes: GSM-7 when every character is in the
 * GSM 03.38 sets (160 septets in one segment, 153 per part of a longer one), else UCS-2 (70
 * UTF-16 units in one, 67 per part).
 */
export function smsSegments(text: string): { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number } {
  const chars = [...text];
  if (chars.every((c) => gsmBasic.has(c) || gsmExtension.has(c))) {
    const units = chars.reduce((sum, c) => sum + (gsmExtension.has(c) ? 2 : 1), 0);
    return { encoding: 'GSM-7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** Daytime for SMS, in Kazakhstan hours (UTC+5): `from` inclusive, `to` exclusive. */
export interface SmsHours {
  readonly from: number;
  readonly to: number;
}

const hourMs = 3_600_000;
const offsetMs = 5 * hourMs;

/**
 * When an SMS due at `due` may go: at once inside the hours, else at the next `from` o'clock
 * Kazakhstan time (a stop at 23:30 goes at 09:00 the next day; one at 06:00 at 09:00 the same day).
 */
export function smsSendableAt(due: Date, hours: SmsHours): Date {
  const local = new Date(due.getTime() + offsetMs);
  const hour = local.getUTCHours() + local.getUTCMinutes() / 60 + local.getUTCSeconds() / 3600;
  if (hour >= hours.from && hour < hours.to) return due;
  const morning = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hours.from));
  if (hour >= hours.to) morning.setUTCDate(morning.getUTCDate() + 1);
  return new Date(morning.getTime() - offsetMs);
}

/** The instant `hour` o'clock Kazakhstan time on the local day of `instant`. */
export function atKazakhstanHour(instant: Date, hour: number): Date {
  const local = new Date(instant.getTime() + offsetMs);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour) - offsetMs);
}
