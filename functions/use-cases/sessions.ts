import { createHash, randomBytes } from 'node:crypto';
import { staffLoginOf } from '#domain/accounts';
import type { AccountStore, AuthStore, Identity, Session } from '#ports/stores';

export const parentSessionHours = 12;
export const staffSessionHours = 8;

/** The session id stored in the table is a hash of the cookie token: a leaked table opens no session. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Opens a session and returns the token for the cookie (256 random bits). A staff session
 * records the account's session generation: disabling the account moves it on, which ends the
 * session at its next request.
 */
export async function openSession(auth: AuthStore, identity: Identity, now: Date, generation?: number): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString('base64url');
  const hours = identity.role === 'parent' ? parentSessionHours : staffSessionHours;
  const { staffRole: _role, ...stored } = identity;
  const session: Session = {
    ...stored,
    sessionId: sessionIdOf(token),
    expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    ...(identity.role === 'staff' && { generation: generation ?? 0 }),
  };
  await auth.createSession(session);
  return { token, session };
}

/**
 * The identity behind a cookie token, or undefined if there is no live session. A staff
 * session lives only while its account does: the account is read on every request (one more
 * read by key), so a disabled account or an older session generation ends the session at once,
 * and a changed role applies at once.
 */
export async function identityOf(deps: { readonly auth: AuthStore; readonly accounts: Pick<AccountStore, 'getStaff'> }, token: string, now: Date): Promise<Identity | undefined> {
  const session = await deps.auth.getSession(sessionIdOf(token));
  if (!session || Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  const { sessionId: _id, expiresAt: _expiry, generation, ...identity } = session;
  if (identity.role !== 'staff') return identity;
  const account = await deps.accounts.getStaff(staffLoginOf(identity.accountId));
  if (!account || account.tenantId !== identity.tenantId || account.status === 'disabled') return undefined;
  if ((account.sessionGeneration ?? 0) !== (generation ?? 0)) return undefined;
  return { ...identity, displayName: account.displayName, staffRole: account.role };
}
