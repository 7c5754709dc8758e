import type { Actor } from '#domain/application';
import { ForbiddenError } from '#domain/errors';
import type { Identity } from '#ports/stores';
import type { StaffMember } from '#ports/staff';
import { staffLoginOf } from '#domain/accounts';
import type { Role } from './routes.ts';

/** The actor recorded in history for a logged-in person (their account id, never an IIN). */
export function actorOf(identity: Identity): Actor {
  return { role: identity.role, id: identity.accountId };
}

/** The role a route's `access` names for this caller: `parent`, or the staff member's role in their department. */
export function callerRole(identity: Identity): Role | undefined {
  return identity.role === 'parent' ? 'parent' : identity.staffRole;
}

/** Staff act only in the tenant of their session; no request parameter can name another. */
export function staffTenant(identity: Identity): string {
  if (identity.role !== 'staff' || !identity.tenantId) throw new ForbiddenError();
  return identity.tenantId;
}

/** A parent's applications are found by the IIN of their session only. */
export function parentIin(identity: Identity): string {
  if (identity.role !== 'parent' || !identity.iin) throw new ForbiddenError();
  return identity.iin;
}

/** A staff account as the administrator's page shows it, marked when it is the caller's own. */
export function staffAccountView(identity: Identity, member: StaffMember) {
  const { tenantId: _tenant, ...view } = member;
  return { ...view, self: staffLoginOf(identity.accountId) === member.login };
}
