import { languageCookieName, secureSessionCookieName, sessionCookieName } from './routes.ts';

/** A cookie value percent-decoded; one that is not valid percent-encoding was not set by us and counts as absent. */
function decodedValue(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Reads one cookie from API Gateway's `cookies` array (payload v2) or a raw `Cookie` header. */
export function readCookie(cookies: readonly string[] | undefined, header: string | undefined, name: string): string | undefined {
  const parts = cookies ?? (header ? header.split(';') : []);
  for (const part of parts) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return decodedValue(part.slice(separator + 1).trim());
  }
  return undefined;
}

/** The session cookie's name: `__Host-` whenever the cookie is Secure, the plain name on plain-HTTP localhost. */
export const sessionCookieNameFor = (secure: boolean) => (secure ? secureSessionCookieName : sessionCookieName);

/**
 * The session token, from the cookie of the name in use only: where cookies are Secure, a plain
 * `kezek_session` (which any host of the site could have set) is ignored.
 */
export const readSessionToken = (cookies: readonly string[] | undefined, header: string | undefined, secure: boolean) =>
  readCookie(cookies, header, sessionCookieNameFor(secure));
export const readLanguageCookie = (cookies: readonly string[] | undefined, header?: string) => readCookie(cookies, header, languageCookieName);

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (the API is same-origin
 * through CloudFront, so cross-site requests never carry it), Secure and `__Host-` named except on
 * plain-HTTP localhost; `Path=/` and no `Domain`, as the prefix requires.
 */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${sessionCookieNameFor(secure)}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
