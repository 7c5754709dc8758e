import type { StaffRole } from '#domain/department';
import type { StaffStanding, StaffStatus } from '#domain/staff';
import type { Invitation, InvitedStaff, StaffEvent } from './departments.ts';

/** A staff account as the department's administrator sees it (never its password hash). */
export interface StaffMember {
  readonly login: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly status: StaffStatus;
  /** Whether a password was set (else the account waits for its one-time link). */
  readonly hasPassword: boolean;
  /** Moves on with every change; a change is written only over the version it was decided on. */
  readonly version: number;
}

/** Why a change was not written. */
export type StaffChangeRefusal = 'changed_meanwhile' | 'last_admin';

/**
 * A department's staff accounts. Adapter: `functions/adapters/dynamodb/staff-store.ts`. Every
 * write is conditional; one that takes away an active administrator is refused (`last_admin`)
 * when it would leave the department with none, even when two such changes race.
 */
export interface StaffStore {
  /** The department's staff (never parents, never another department's), in no promised order. */
  list(tenantId: string): Promise<StaffMember[]>;
  /** One account of the department as it stands now, or undefined when it is not theirs. */
  get(tenantId: string, login: string): Promise<StaffMember | undefined>;
  /** Writes a new account without a password and its one-time link; StaffLoginTakenError when the login exists anywhere. */
  add(member: InvitedStaff, invitation: Invitation, event: StaffEvent): Promise<void>;
  /**
   * Moves an account from its standing as read (`member`) to `after` with its history events,
   * only while it is still at `member.version` (else `changed_meanwhile`); disabling also moves
   * its session generation on, which ends its open sessions.
   */
  change(member: StaffMember, after: StaffStanding, events: readonly StaffEvent[]): Promise<StaffChangeRefusal | undefined>;
  /**
   * Stores a new one-time link for an account of the department, while it is at `member.version`.
   * With `clearSecondFactor`, also removes the account's second factor and recovery codes and ends
   * its sessions (a new generation): it cannot log in until it enrols again through the link.
   */
  addInvitation(member: StaffMember, invitation: Invitation, event: StaffEvent, options?: { readonly clearSecondFactor?: boolean }): Promise<StaffChangeRefusal | undefined>;
}
