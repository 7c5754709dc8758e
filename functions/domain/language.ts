/** The languages kezek speaks. Russian is the default: every tenant's staff reads it. */
export const languages = ['kk', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'ru';

/** A text in every language we offer. */
export type LocalizedText = Readonly<Record<Language, string>>;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * Picks the user's language: an explicit choice (the `lang` cookie) first, then the first
 * supported entry of an `Accept-Language` header, then the default.
 */
export function pickLanguage(explicit: string | undefined, acceptLanguage: string | undefined): Language {
  if (isLanguage(explicit)) return explicit;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().slice(0, 2);
    if (isLanguage(tag)) return tag;
  }
  return defaultLanguage;
}
