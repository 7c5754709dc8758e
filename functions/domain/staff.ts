import type { StaffRole } from './department.ts';

/**
 * A department's staff accounts as its administrator manages them (SPEC "Departments, staff and
 * roles"): add, disable and re-enable, change a role, send a set-password link. Pure rules; the
 * store makes each change a conditional write.
 */

export type StaffStatus = 'active' | 'disabled';

/** What decides whether an account counts as one of the department's active administrators. */
export interface StaffStanding {
  readonly role: StaffRole;
  readonly status: StaffStatus;
}

/** What the administrator asks for: a new role, an account on or off, or both. */
export interface StaffChange {
  readonly role?: StaffRole;
  readonly active?: boolean;
}

/** The account's standing after a change. */
export function standingAfter(before: StaffStanding, change: StaffChange): StaffStanding {
  return {
    role: change.role ?? before.role,
    status: change.active === undefined ? before.status : change.active ? 'active' : 'disabled',
  };
}

const isActiveAdmin = (standing: StaffStanding) => standing.role === 'admin' && standing.status === 'active';

/**
 * How the department's count of active administrators moves with a change: -1 when an active
 * admin is disabled or given another role (the store refuses it when they are the last one).
 */
export function activeAdminDelta(before: StaffStanding, after: StaffStanding): -1 | 0 | 1 {
  if (isActiveAdmin(before) === isActiveAdmin(after)) return 0;
  return isActiveAdmin(after) ? 1 : -1;
}

/** What an administrator did to an account, as its history records it. */
export type StaffAction = 'invited' | 'password_set' | 'added' | 'disabled' | 'enabled' | 'role_changed' | 'reset_link_sent' | 'second_factor_reset';

/** The history events a change makes, in order (nothing when it changes nothing). */
export function staffChangeActions(before: StaffStanding, after: StaffStanding): { readonly action: StaffAction; readonly from?: StaffRole; readonly to?: StaffRole }[] {
  const actions: { action: StaffAction; from?: StaffRole; to?: StaffRole }[] = [];
  if (before.role !== after.role) actions.push({ action: 'role_changed', from: before.role, to: after.role });
  if (before.status !== after.status) actions.push({ action: after.status === 'active' ? 'enabled' : 'disabled' });
  return actions;
}
