import type { Language } from './i18n/language.ts';

const locales: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

const kazakhMonths = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];

/**
 * Some browsers (e.g. Debian's Chromium) claim Kazakh but carry no Kazakh data and print
 * "2022 M03 14"; there we spell Kazakh dates ourselves, in the same "2022 ж. 14 наурыз" form.
 */
const intlSpeaksKazakh = /[а-яәғқңөұүһі]/i.test(
  new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2020, 2, 15))),
);

function kazakhDate(year: number, monthIndex: number, day: number): string {
  return `${year} ж. ${day} ${kazakhMonths[monthIndex] ?? ''}`;
}

/** Kazakh writes numbers as Russian does (space between thousands, decimal comma). */
function numberLocale(language: Language): string {
  return language === 'kk' && !intlSpeaksKazakh ? locales.ru : locales[language];
}

/** A calendar date (`YYYY-MM-DD`); read as UTC so no time zone can move it by a day. */
export function formatDate(language: Language, isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (language === 'kk' && !intlSpeaksKazakh) {
    return kazakhDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  }
  // Russian ends a long date with "г."; a sentence ending on a date would then close with "г..".
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(date).replace(/\s?г\.$/, '');
}

/** A moment (ISO date-time), shown in the reader's own time zone. */
export function formatDateTime(language: Language, isoDateTime: string): string {
  const date = new Date(isoDateTime);
  if (language === 'kk' && !intlSpeaksKazakh) {
    const time = new Intl.DateTimeFormat(locales.ru, { timeStyle: 'short' }).format(date);
    return `${kazakhDate(date.getFullYear(), date.getMonth(), date.getDate())}, ${time}`;
  }
  return new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** Kazakhstan keeps UTC+5 all year, so a deadline's calendar day there is a plain offset. */
const kazakhstanOffsetMs = 5 * 3_600_000;

/** The calendar date in Kazakhstan at an instant: deadlines and automatic returns are Kazakhstan days. */
export function formatKazakhstanDate(language: Language, isoDateTime: string): string {
  const day = new Date(Date.parse(isoDateTime) + kazakhstanOffsetMs).toISOString().slice(0, 10);
  return formatDate(language, day);
}

/** Today's calendar date in Kazakhstan (`YYYY-MM-DD`), to tell a lapsed validity from a current one. */
export function kazakhstanToday(now: number = Date.now()): string {
  return new Date(now + kazakhstanOffsetMs).toISOString().slice(0, 10);
}

/** The time of day in Kazakhstan at an instant (`23:59`): a deadline is read on Astana's clock. */
export function formatKazakhstanTime(isoDateTime: string): string {
  return new Date(Date.parse(isoDateTime) + kazakhstanOffsetMs).toISOString().slice(11, 16);
}

export function formatNumber(language: Language, value: number): string {
  return new Intl.NumberFormat(numberLocale(language)).format(value);
}

/** "Kazakh and Russian", in the reader's language (a plain comma list where Kazakh data is missing). */
export function formatList(language: Language, items: readonly string[]): string {
  if (language === 'kk' && !intlSpeaksKazakh) return items.join(', ');
  return new Intl.ListFormat(locales[language], { type: 'conjunction' }).format(items);
}
