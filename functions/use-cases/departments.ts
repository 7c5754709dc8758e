import { createHash, randomBytes } from 'node:crypto';
import { invitationExpiry, setPasswordLink, siteOf, tenantOf, type Department, type Site } from '#domain/department';
import { InvalidInputError, InvitationExpiredError, InvitationInvalidError, SiteNotFoundError } from '#domain/errors';
import type { Invitation } from '#ports/departments';
import type { Dependencies } from '#ports/dependencies';
import { hashPassword } from './passwords.ts';
import { acceptedTotpStep, newRecoveryCodes, newTotpSecret, totpUri } from './second-factor.ts';

/** Only the SHA-256 of a link's token is stored: a leaked table sets no password. */
export function invitationTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface Onboarded {
  readonly tenantId: string;
  readonly adminLogin: string;
  /** The one-time set-password link for the first administrator. */
  readonly link: string;
  readonly expiresAt: string;
  /** Where the link was sent besides being returned (the administrator's phone, when given). */
  readonly sentBySms: boolean;
}

/**
 * Onboards a department (SPEC "Departments, staff and roles"): the department with its site
 * hosts, its first administrator (role `admin`, no password yet) and a one-time link to set the
 * password, in one transaction; then the link goes by SMS when a phone was given.
 */
export async function onboardDepartment(
  deps: Pick<Dependencies, 'departments' | 'notifier' | 'clock'>,
  department: Department,
  options: { readonly operator: string; readonly siteUrl?: string },
): Promise<Onboarded> {
  const now = deps.clock();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = invitationExpiry(now).toISOString();
  const { admin } = department;
  await deps.departments.create(
    tenantOf(department, { at: now, by: `operator:${options.operator}` }),
    { login: admin.login, tenantId: department.tenantId, displayName: admin.displayName, role: 'admin' },
    { tokenHash: invitationTokenHash(token), login: admin.login, tenantId: department.tenantId, expiresAt },
    { at: now.toISOString(), action: 'invited', by: `operator:${options.operator}` },
  );
  const link = setPasswordLink(options.siteUrl ?? `https://${department.hosts[0]}`, token);
  if (admin.phone) {
    // Staff read Russian in every department (DECISIONS 5); one language per message.
    await deps.notifier.sendSms({ phone: admin.phone, text: `kezek, ${department.name.ru}: задайте пароль по ссылке (действует 72 ч): ${link}` });
  }
  return { tenantId: department.tenantId, adminLogin: admin.login, link, expiresAt, sentBySms: admin.phone !== undefined };
}

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
 * The first half of using a one-time link (DECISIONS 48): the second factor's secret, made here
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

/** The department whose site answers on `host`, as its public pages show it. */
export async function siteForHost(deps: Pick<Dependencies, 'departments'>, host: string): Promise<Site> {
  const tenant = await deps.departments.byHost(host.trim().toLowerCase());
  if (!tenant) throw new SiteNotFoundError();
  return siteOf(tenant);
}
