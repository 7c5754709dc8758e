import type { Language } from '../../i18n/language.ts';

const locales: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
const formats = new Map<Language, Intl.NumberFormat>();

/**
 * A share as a whole percent (1.53 → "153 %" in Russian, "153%" in Kazakh and English). It lives
 * with the dashboard rather than in format.ts so the parents' first bundle does not carry it. Where
 * a browser has no Kazakh data, Intl's root pattern ("153%") is the Kazakh pattern anyway.
 */
export function formatPercent(language: Language, share: number): string {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(locales[language], { style: 'percent', maximumFractionDigits: 0 });
    formats.set(language, format);
  }
  return format.format(share);
}
