import { dependencies } from '#adapters/dependencies';
import { clearedSessionCookie, readSessionToken } from '#http/cookies';
import { httpHandler } from '#http/http-handler';
import { logoutRoute } from '#http/routes';
import { sessionIdOf } from '#use-cases/sessions';

export const handler = httpHandler(logoutRoute, async ({ event }) => {
  const deps = dependencies();
  const token = readSessionToken(event.cookies, event.headers.cookie, deps.cookieSecure);
  if (token) await deps.auth.deleteSession(sessionIdOf(token));
  return { body: { loggedOut: true }, cookies: [clearedSessionCookie(deps.cookieSecure)] };
});
