import { createHash, randomBytes } from 'node:crypto';
import type { AuthStore, Identity, Session } from '#ports/stores';

export const parentSessionHours = 12;
export const staffSessionHours = 8;

/** The session id stored in the table is a hash of the cookie token: a leaked table opens no session. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Opens a session and returns the token for the cookie (256 random bits). */
export async function openSession(auth: AuthStore, identity: Identity, now: Date): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString('base64url');
  const hours = identity.role === 'parent' ? parentSessionHours : staffSessionHours;
  const session: Session = {
    ...identity,
    sessionId: sessionIdOf(token),
    expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
  };
  await auth.createSession(session);
  return { token, session };
}

/** The identity behind a cookie token, or undefined if there is no live session. */
export async function identityOf(auth: AuthStore, token: string, now: Date): Promise<Identity | undefined> {
  const session = await auth.getSession(sessionIdOf(token));
  if (!session || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  const { sessionId: _id, expiresAt: _expiry, ...identity } = session;
  return identity;
}
