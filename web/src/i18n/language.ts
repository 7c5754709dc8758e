/** The languages of the interface; the first match of the browser's wish list wins. */
export const languages = ['kk', 'ru', 'en'] as const;
export type Language = (typeof languages)[number];

const cookieName = 'kezek_lang';
const oneYearInSeconds = 365 * 24 * 60 * 60;

function isLanguage(value: string | undefined): value is Language {
  return (languages as readonly (string | undefined)[]).includes(value);
}

function languageFromCookie(): Language | undefined {
  const pair = document.cookie.split('; ').find((entry) => entry.startsWith(`${cookieName}=`));
  const value = pair?.slice(cookieName.length + 1);
  return isLanguage(value) ? value : undefined;
}

function languageFromBrowser(): Language | undefined {
  const wishes = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const wish of wishes) {
    const primary = wish.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return undefined;
}

let current: Language = languageFromCookie() ?? languageFromBrowser() ?? 'ru';
document.documentElement.lang = current;

/** The language every request is sent with (`Accept-Language`). */
export function currentLanguage(): Language {
  return current;
}

/**
 * Remembers the choice in a readable cookie, not in storage: the server reads the same cookie to
 * answer in this language (error messages, SMS texts).
 */
export function chooseLanguage(language: Language): void {
  current = language;
  document.documentElement.lang = language;
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${cookieName}=${language}; path=/; max-age=${oneYearInSeconds}; SameSite=Lax${secure}`;
}
