import { randomBytes } from 'node:crypto';
import { invitationExpiry, setPasswordLink, type StaffRole } from '#domain/department';
import { ConcurrentChangeError, LastAdminError, NotFoundError, StaffDisabledError } from '#domain/errors';
import { staffChangeActions, standingAfter, type StaffChange } from '#domain/staff';
import type { Dependencies } from '#ports/dependencies';
import type { StaffEvent } from '#ports/departments';
import type { StaffMember } from '#ports/staff';
import type { Identity } from '#ports/stores';
import { invitationTokenHash } from './departments.ts';

/**
 * The department's administration of its staff (SPEC "Departments, staff and roles"): only an
 * administrator reaches these (the route table says so); each acts in their own department only.
 */

type Deps = Pick<Dependencies, 'staff' | 'clock'>;

/** A one-time set-password link as the administrator passes it on: the path on the department's site (the token in its fragment). */
export interface SetPasswordLink {
  readonly path: string;
  readonly expiresAt: string;
}

function newInvitation(member: Pick<StaffMember, 'login' | 'tenantId'>, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = invitationExpiry(now).toISOString();
  return {
    invitation: { tokenHash: invitationTokenHash(token), login: member.login, tenantId: member.tenantId, expiresAt },
    link: { path: setPasswordLink('', token), expiresAt },
  };
}

const eventBy = (admin: Identity, now: Date, action: Pick<StaffEvent, 'action' | 'from' | 'to'>): StaffEvent => ({ at: now.toISOString(), by: admin.accountId, ...action });

export function listStaff(deps: Deps, tenantId: string): Promise<StaffMember[]> {
  return deps.staff.list(tenantId);
}

/** Adds an account without a password and returns its one-time link (72 hours) for the administrator to pass on. */
export async function addStaff(
  deps: Deps,
  admin: Identity,
  tenantId: string,
  input: { readonly login: string; readonly displayName: string; readonly role: StaffRole },
): Promise<{ readonly member: StaffMember; readonly link: SetPasswordLink }> {
  const now = deps.clock();
  const login = input.login.trim().toLowerCase();
  const { invitation, link } = newInvitation({ login, tenantId }, now);
  await deps.staff.add({ login, tenantId, displayName: input.displayName, role: input.role }, invitation, eventBy(admin, now, { action: 'added', to: input.role }));
  return { member: { login, tenantId, displayName: input.displayName, role: input.role, status: 'active', hasPassword: false, version: 0 }, link };
}

async function memberAt(deps: Deps, tenantId: string, login: string, version: number): Promise<StaffMember> {
  const member = await deps.staff.get(tenantId, login);
  if (!member) throw new NotFoundError();
  if (member.version !== version) throw new ConcurrentChangeError();
  return member;
}

/**
 * Disables, re-enables or gives another role to an account, at the version the administrator
 * saw. Refused (LastAdminError) when it would leave the department without an active
 * administrator, e.g. the last one disabling or demoting themself.
 */
export async function changeStaff(deps: Deps, admin: Identity, tenantId: string, login: string, version: number, change: StaffChange): Promise<StaffMember> {
  const member = await memberAt(deps, tenantId, login, version);
  const after = standingAfter(member, change);
  const actions = staffChangeActions(member, after);
  if (actions.length === 0) return member;
  const now = deps.clock();
  const refusal = await deps.staff.change(member, after, actions.map((action) => eventBy(admin, now, action)));
  if (refusal === 'last_admin') throw new LastAdminError();
  if (refusal) throw new ConcurrentChangeError();
  return { ...member, ...after, version: member.version + 1 };
}

/**
 * A new one-time link for an active account (a forgotten password, a lost first link); earlier
 * links stay valid until used or expired. Using it sets a password and enrols a new second factor.
 */
export async function sendPasswordResetLink(deps: Deps, admin: Identity, tenantId: string, login: string, version: number): Promise<{ readonly member: StaffMember; readonly link: SetPasswordLink }> {
  return newLinkFor(deps, admin, tenantId, login, version, false);
}

/**
 * A lost or stolen phone: removes the account's second factor and recovery codes at once (its
 * sessions end) and answers a one-time link through which its holder sets a password and enrols
 * again; until then the account cannot log in.
 */
export async function resetSecondFactor(deps: Deps, admin: Identity, tenantId: string, login: string, version: number): Promise<{ readonly member: StaffMember; readonly link: SetPasswordLink }> {
  return newLinkFor(deps, admin, tenantId, login, version, true);
}

async function newLinkFor(deps: Deps, admin: Identity, tenantId: string, login: string, version: number, clearSecondFactor: boolean) {
  const member = await memberAt(deps, tenantId, login, version);
  if (member.status === 'disabled') throw new StaffDisabledError();
  const now = deps.clock();
  const { invitation, link } = newInvitation(member, now);
  const event = eventBy(admin, now, { action: clearSecondFactor ? 'second_factor_reset' : 'reset_link_sent' });
  const refusal = await deps.staff.addInvitation(member, invitation, event, { clearSecondFactor });
  if (refusal) throw new ConcurrentChangeError();
  return { member: { ...member, version: member.version + 1 }, link };
}

/** What a staff member sees of their own second factor: whether they have one and how many recovery codes remain. */
export async function ownSecondFactor(deps: Pick<Dependencies, 'accounts'>, login: string): Promise<{ readonly enrolled: boolean; readonly recoveryCodesLeft: number }> {
  const account = await deps.accounts.getStaff(login);
  return { enrolled: account?.totpSecret !== undefined, recoveryCodesLeft: account?.recoveryCodeHashes?.length ?? 0 };
}
