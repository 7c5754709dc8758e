import { InvalidCredentialsError } from '#domain/errors';
import { staffAccountId } from '#domain/accounts';
import type { Dependencies } from '#ports/dependencies';
import { decoyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from './passwords.ts';
import { staffLoginLimits } from '#domain/rate-limits';
import { enforceLimits } from './rate-limits.ts';
import { openSession } from './sessions.ts';

/** Staff log in with their own login and password; the session carries their one tenant. */
export async function loginStaff(deps: Pick<Dependencies, 'accounts' | 'auth' | 'clock' | 'rateLimitScale'>, login: string, password: string, client: string) {
  // Against guessing: tries per client address and per login, counted before the password is checked.
  await enforceLimits(
    deps,
    [
      { limits: staffLoginLimits.perClient, subject: client, counting: 'windowed' },
      { limits: staffLoginLimits.perLogin, subject: login.toLowerCase(), counting: 'exact' },
    ],
    deps.rateLimitScale,
  );
  const account = await deps.accounts.getStaff(login);
  // Verify against a decoy when the login is unknown, so timing does not tell which logins exist.
  const valid = await verifyPassword(password, account?.passwordHash ?? (await decoyPasswordHash()));
  if (!account?.passwordHash || !valid) throw new InvalidCredentialsError();
  // A hash made with weaker parameters than today's is replaced now, while the password is at hand.
  if (passwordNeedsRehash(account.passwordHash)) {
    await deps.accounts.replaceStaffPasswordHash(account.login, account.passwordHash, await hashPassword(password));
  }
  return openSession(
    deps.auth,
    { role: 'staff', accountId: staffAccountId(account.login), displayName: account.displayName, tenantId: account.tenantId },
    deps.clock(),
  );
}
