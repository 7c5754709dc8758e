import { InvalidCredentialsError } from '#domain/errors';
import { staffAccountId } from '#domain/accounts';
import type { Dependencies } from '#ports/dependencies';
import { decoyPasswordHash, verifyPassword } from './passwords.ts';
import { openSession } from './sessions.ts';

/** Staff log in with their own login and password; the session carries their one tenant. */
export async function loginStaff(deps: Pick<Dependencies, 'accounts' | 'auth' | 'clock'>, login: string, password: string) {
  const account = await deps.accounts.getStaff(login);
  // Verify against a decoy when the login is unknown, so timing does not tell which logins exist.
  const valid = await verifyPassword(password, account?.passwordHash ?? (await decoyPasswordHash()));
  if (!account || !valid) throw new InvalidCredentialsError();
  return openSession(
    deps.auth,
    { role: 'staff', accountId: staffAccountId(account.login), displayName: account.displayName, tenantId: account.tenantId },
    deps.clock(),
  );
}
