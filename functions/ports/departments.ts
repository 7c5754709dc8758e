import type { DepartmentTenant, StaffRole } from '#domain/department';
import type { StaffAction } from '#domain/staff';
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
  /** The second factor's secret offered to the link's holder, once they asked for it (enrolment). */
  readonly totpSecret?: string;
}

/** What redeeming a link stores on the account: the password and the confirmed second factor. */
export interface StaffCredentials {
  readonly passwordHash: string;
  readonly totpSecret: string;
  /** The time step of the code that confirmed the enrolment: it is spent. */
  readonly totpStep: number;
  readonly recoveryCodeHashes: readonly string[];
}

/** What staff history records (append-only on the account). */
export interface StaffEvent {
  readonly at: string;
  readonly action: StaffAction;
  /** A role change's old and new role; an addition's role. */
  readonly from?: StaffRole;
  readonly to?: StaffRole;
  /** `operator:<name>` for the platform operator, `self` for the account itself, else the administrator's account id. */
  readonly by: string;
}

/**
 * Departments, their site host names and their staff invitations. Adapter:
 * `functions/adapters/dynamodb/department-store.ts`.
 */
export interface DepartmentStore {
  /**
   * Onboards the department with its site hosts, its first administrator and their one-time
   * link: all of it or nothing. Refuses (DepartmentExistsError, SiteHostTakenError,
   * StaffLoginTakenError) rather than overwrite anything.
   */
  create(tenant: DepartmentTenant, admin: InvitedStaff, invitation: Invitation, event: StaffEvent): Promise<void>;
  /** The department whose site answers on `host`; undefined for a host no department has. */
  byHost(host: string): Promise<Tenant | DepartmentTenant | undefined>;
  getInvitation(tokenHash: string): Promise<Invitation | undefined>;
  /**
   * Stores the second factor's secret on the invitation, only while it exists, is unexpired at
   * `now` and has no secret yet; false when it was not so (the caller reads it again).
   */
  offerTotpSecret(invitation: Invitation, secret: string, now: Date): Promise<boolean>;
  /**
   * Uses the invitation up and stores the password hash and the second factor (replacing any
   * earlier one, with its recovery codes) on its account, all or nothing, only while the
   * invitation exists, is unexpired at `now` and still offers `credentials.totpSecret`; false
   * when it was not (used or expired meanwhile).
   */
  redeemInvitation(invitation: Invitation, credentials: StaffCredentials, now: Date, event: StaffEvent): Promise<boolean>;
}
