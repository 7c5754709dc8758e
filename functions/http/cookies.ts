import { languageCookieName, sessionCookieName } from './routes.ts';

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

export const readSessionToken = (cookies: readonly string[] | undefined, header?: string) => readCookie(cookies, header, sessionCookieName);
export const readLanguageCookie = (cookies: readonly string[] | undefined, header?: string) => readCookie(cookies, header, languageCookieName);

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (the API is same-origin
 * through CloudFront, so cross-site requests never carry it), Secure except on plain-HTTP localhost.
 */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${sessionCookieName}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
