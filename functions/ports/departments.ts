import type { DepartmentTenant, StaffRole } from '#domain/department';
import type { Tenant } from '#domain/application';

/** A staff account that has no password yet: its holder sets one through a one-time link. */
export interface InvitedStaff {
  readonly login: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly role: StaffRole;
}

/** A one-time set-password link as stored: only the SHA-256 of its token. */
export interface Invitation {
  readonly tokenHash: string;
  readonly login: string;
  readonly tenantId: string;
  readonly expiresAt: string;
}

/** What staff history records (append-only on the account). */
export interface StaffEvent {
  readonly at: string;
  readonly action: 'invited' | 'password_set';
  /** `operator:<name>` for the platform operator, else the account itself. */
  readonly by: string;
}

/**
 * Departments, their site host names and their staff invitations. Adapter:
 * `functions/adapters/dynamodb/department-store.ts`.
 */
export interface DepartmentStore {
  /**
   * Writes the department, one host item per site host, its first administrator and the
   * invitation in one transaction: all of it or nothing. Refuses (DepartmentExistsError,
   * SiteHostTakenError, StaffLoginTakenError) rather than overwrite anything.
   */
  create(tenant: DepartmentTenant, admin: InvitedStaff, invitation: Invitation, event: StaffEvent): Promise<void>;
  /** The department whose site answers on `host` (two reads by key: host item, tenant). */
  byHost(host: string): Promise<Tenant | DepartmentTenant | undefined>;
  getInvitation(tokenHash: string): Promise<Invitation | undefined>;
  /**
   * Uses the invitation up and stores the password hash on its account, in one transaction,
   * only while the invitation exists and is unexpired at `now`; false when it was not (used or
   * expired meanwhile).
   */
  redeemInvitation(invitation: Invitation, passwordHash: string, now: Date, event: StaffEvent): Promise<boolean>;
}
