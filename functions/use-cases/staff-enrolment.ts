import { InvalidInputError, InvitationExpiredError, InvitationInvalidError } from '#domain/errors';
import type { Dependencies } from '#ports/dependencies';
import type { Invitation } from '#ports/departments';
import { invitationTokenHash } from './departments.ts';
import { hashPassword } from './passwords.ts';
import { acceptedTotpStep, newRecoveryCodes, newTotpSecret, totpUri } from './second-factor.ts';

/**
 * Using a one-time set-password link (onboarding, an added account, a password or second-factor
 * reset): the password and the second factor's enrolment, DECISIONS 52. Apart from
 * `departments.ts` so that the functions that only read departments (the public site) do not
 * carry the TOTP library.
 */

/** The link's invitation while it can be used: InvitationInvalidError when unknown or used, InvitationExpiredError past its expiry. */
async function liveInvitation(deps: Pick<Dependencies, 'departments'>, token: string, now: Date): Promise<Invitation> {
  const invitation = await deps.departments.getInvitation(invitationTokenHash(token));
  if (!invitation) throw new InvitationInvalidError();
  if (Date.parse(invitation.expiresAt) <= now.getTime()) throw new InvitationExpiredError();
  return invitation;
}

export interface TotpEnrolment {
  readonly login: string;
  /** Base32, for typing into an authenticator app. */
  readonly secret: string;
  /** `otpauth://totp/kezek:<login>?secret=...`, for a QR code. */
  readonly uri: string;
}

/**
 * The first half of using a one-time link (DECISIONS 52): the second factor's secret, made here
 * (160 random bits) and kept on the link until the password request confirms it with a code. The
 * same secret on every call while the link lives, so a reloaded page shows what the app holds.
 */
export async function startStaffEnrolment(deps: Pick<Dependencies, 'departments' | 'clock'>, token: string): Promise<TotpEnrolment> {
  const now = deps.clock();
  let invitation = await liveInvitation(deps, token, now);
  if (!invitation.totpSecret) {
    const secret = newTotpSecret();
    if (await deps.departments.offerTotpSecret(invitation, secret, now)) invitation = { ...invitation, totpSecret: secret };
    // Another request offered one first, or the link went meanwhile: read it again.
    else invitation = await liveInvitation(deps, token, now);
  }
  if (!invitation.totpSecret) throw new InvitationInvalidError();
  return { login: invitation.login, secret: invitation.totpSecret, uri: totpUri(invitation.totpSecret, invitation.login) };
}

/**
 * Sets a staff member's password with a one-time link and enrols their second factor, confirmed
 * by a current code of the secret `startStaffEnrolment` gave: refused when the link is unknown or
 * used (`InvitationInvalidError`), past its expiry (`InvitationExpiredError`), or the code does
 * not match (a field error on `code`); using the link and storing the password, the secret and
 * the hashes of ten new recovery codes happen in one transaction, so a link works once even when
 * used twice at once. The recovery codes are answered here, once, and never again.
 */
export async function setStaffPassword(
  deps: Pick<Dependencies, 'departments' | 'clock'>,
  token: string,
  password: string,
  code: string,
): Promise<{ readonly login: string; readonly tenantId: string; readonly recoveryCodes: readonly string[] }> {
  const now = deps.clock();
  const invitation = await liveInvitation(deps, token, now);
  const step = invitation.totpSecret ? acceptedTotpStep(invitation.totpSecret, code, now, undefined) : undefined;
  if (!invitation.totpSecret || step === undefined) throw new InvalidInputError([{ path: 'code', key: 'totp_code' }]);
  const passwordHash = await hashPassword(password);
  const recovery = newRecoveryCodes();
  const redeemed = await deps.departments.redeemInvitation(
    invitation,
    { passwordHash, totpSecret: invitation.totpSecret, totpStep: step, recoveryCodeHashes: recovery.hashes },
    now,
    { at: now.toISOString(), action: 'password_set', by: 'self' },
  );
  if (!redeemed) throw Date.parse(invitation.expiresAt) <= deps.clock().getTime() ? new InvitationExpiredError() : new InvitationInvalidError();
  return { login: invitation.login, tenantId: invitation.tenantId, recoveryCodes: recovery.codes };
}
