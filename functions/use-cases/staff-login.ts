import { InvalidCredentialsError } from '#domain/errors';
import { staffAccountId } from '#domain/accounts';
import type { Dependencies } from '#ports/dependencies';
import { decoyPasswordHash, hashPassword, passwordNeedsRehash, verifyPassword } from './passwords.ts';
import { staffLoginLimits } from '#domain/rate-limits';
import { enforceLimits } from './rate-limits.ts';
import { openSession } from './sessions.ts';
import { acceptedTotpStep, looksLikeRecoveryCode, recoveryCodeHash } from './second-factor.ts';
import type { StaffAccount } from '#ports/stores';

/**
 * Whether `code` is the account's second factor now, and spends it: a code of the authenticator
 * (its time step recorded, so it is good once) or one of the recovery codes (taken away). Both
 * are conditional writes: of two logins with one code, one wins.
 */
async function spendSecondFactor(deps: Pick<Dependencies, 'accounts' | 'clock'>, account: StaffAccount, code: string | undefined): Promise<boolean> {
  if (!code || !account.totpSecret) return false;
  const step = acceptedTotpStep(account.totpSecret, code, deps.clock(), account.totpLastStep);
  if (step !== undefined) return deps.accounts.acceptTotpStep(account.login, account.totpSecret, step);
  if (!looksLikeRecoveryCode(code)) return false;
  const hash = recoveryCodeHash(code);
  if (!account.recoveryCodeHashes?.includes(hash)) return false;
  return deps.accounts.spendRecoveryCode(account.login, hash);
}

/**
 * Staff log in with their own login, password and second factor (a current authenticator code or
 * a recovery code); the session carries their one tenant. Every refusal is the same
 * InvalidCredentialsError, so an answer never tells that the password alone was right.
 */
export async function loginStaff(
  deps: Pick<Dependencies, 'accounts' | 'auth' | 'clock' | 'rateLimitScale'>,
  login: string,
  password: string,
  code: string | undefined,
  client: string,
) {
  // Against guessing: tries per client address and per login, counted before the password (and the code) is checked.
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
  // No password set yet, or a disabled account: the same answer as a wrong password.
  if (!account?.passwordHash || !valid || account.status === 'disabled') throw new InvalidCredentialsError();
  // Only after the password: a code is spent only by someone who knows it (an account without a second factor cannot log in).
  if (!(await spendSecondFactor(deps, account, code))) throw new InvalidCredentialsError();
  // A hash made with weaker parameters than today's is replaced now, while the password is at hand.
  if (passwordNeedsRehash(account.passwordHash)) {
    await deps.accounts.replaceStaffPasswordHash(account.login, account.passwordHash, await hashPassword(password));
  }
  return openSession(
    deps.auth,
    { role: 'staff', accountId: staffAccountId(account.login), displayName: account.displayName, tenantId: account.tenantId, staffRole: account.role },
    deps.clock(),
    account.sessionGeneration ?? 0,
  );
}
