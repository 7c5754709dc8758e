import type { AgeGroup, Application, ApplicationStatus, HistoryEvent, Kindergarten, PositionChange, PriorityCategory, Tenant } from '#domain/application';
import type { WriteIntent } from './unit-of-work.ts';
import type { TransitionPlan } from '#domain/application-lifecycle';
import type { PlaceChanceEstimate } from '#domain/place-chance';
import type { Notification, OutboundChannel } from '#domain/notification';
import type { Language } from '#domain/language';
import type { KindergartenFields } from '#domain/kindergarten-rules';
import type { AnswerDimensions } from '#domain/survey-answers';
import type { DailyField } from '#domain/campaign';
import type { StaffRole } from '#domain/department';
import type { StaffStatus } from '#domain/staff';
import type { DepartmentSettings, TenantSettingsFields } from '#domain/settings';
import type { SearchLookups } from '#domain/application-search';

/** Storage ports. Adapters: `functions/adapters/dynamodb/*` (DynamoDB in AWS and DynamoDB Local). */

/** A parent's notice that collects the applications one event touched (one notice, many applications). */
export interface SharedNotice {
  readonly notification: Notification;
  /** The applications of this write it names (added to those named by earlier writes). */
  readonly applicationIds: readonly string[];
}

/**
 * A survey answer (one per applicant per campaign), stored with what the aggregation needs to move
 * the counters by the difference later (decision 54): no counter is written with it.
 */
export interface SurveyWrite {
  readonly campaignKey: string;
  readonly tenantId: string;
  readonly campaignId: string;
  readonly applicantIin: string;
  readonly answer: Readonly<Record<string, unknown>>;
  readonly version: string;
  readonly submittedAt: string;
  readonly validUntil: string;
  /** The stored answer's revision this one replaces (undefined: the first answer). */
  readonly replacesRevision?: number;
  /** Where and which cohorts, stored with the answer so exports and recounts can filter like the dashboard. */
  readonly dimensions: AnswerDimensions;
  /** Its counter keys (`counterKeys`), which the aggregation adds to its slices. */
  readonly counted: readonly string[];
  /** Applications it confirmed in the campaign, and the day (the campaign's `confirmed` counters). */
  readonly confirms: number;
  readonly confirmedOn: string;
}

/** The answers a group of stream changes moves the counters for, each with the change's sequence and the one applied before (if any). */
export interface AggregationMarker {
  readonly campaignKey: string;
  readonly applicantIin: string;
  readonly sequence: string;
  /** The sequence last applied for this answer, as read (undefined: none yet). */
  readonly applied?: string;
}

/** An answer as stored (the export reads these; the applicant's IIN stays in the key, never exported). */
export interface StoredAnswer {
  readonly answer: Record<string, unknown>;
  readonly version: string;
  readonly submittedAt: string;
  readonly dimensions?: AnswerDimensions;
}

/** A CSV export staff asked for, with its progress and, once done, its file. */
export interface ExportRecord {
  readonly tenantId: string;
  readonly exportId: string;
  readonly campaignId: string;
  readonly kind: 'answers' | 'aggregates';
  readonly language: 'kk' | 'ru' | 'en';
  readonly status: 'running' | 'done' | 'failed';
  readonly createdAt: string;
  readonly processed: number;
  readonly total: number;
  readonly rows?: number;
  readonly fileKey?: string;
  readonly fileName?: string;
  /** When the record may go (epoch seconds; a week after it was made): the store drops it some time after, and the file goes with it. */
  readonly expiresAtEpoch: number;
}

export interface ExportStore {
  /** Creates the record (conditional: a new id). */
  create(record: ExportRecord): Promise<void>;
  get(tenantId: string, exportId: string): Promise<ExportRecord | undefined>;
  /** Moves a running export's progress (conditional on still running). */
  progress(tenantId: string, exportId: string, processed: number, total: number): Promise<void>;
  /** Marks a running export done with its file, or failed; false when it was not running any more. */
  finish(tenantId: string, exportId: string, result: { status: 'done'; rows: number; fileKey: string; fileName: string } | { status: 'failed' }): Promise<boolean>;
}

/** What a submission needs to know, read at once. */
export interface SurveyContext {
  /** The tenant's running campaign (`surveyVersion` absent on campaigns started before versions were recorded). */
  readonly campaign?: { readonly campaignId: string; readonly year: number; readonly startsAt: string; readonly endsAt: string; readonly extensionYears: number; readonly surveyVersion?: string };
  readonly previous?: {
    readonly answer: Record<string, unknown>;
    readonly revision: number;
    readonly submittedAt: string;
    readonly validUntil: string;
    readonly version: string;
    readonly dimensions?: AnswerDimensions;
  };
  /** The answer under the campaign the applications point to, whether or not it is still running (for viewing it after the close). */
  readonly answered?: NonNullable<SurveyContext['previous']> & { readonly campaignId: string };
  readonly kindergartens: readonly Kindergarten[];
}

export interface SurveyStore {
  /** A survey answer and its counter moves, as part of the unit of work of the confirmation it carries. Refused: `ConcurrentChangeError` (the answer was replaced meanwhile). */
  answer(survey: SurveyWrite): WriteIntent;
  /**
   * The tenant's running campaign, the named kindergartens (unknown ones left out), and the
   * applicant's answer in `candidateCampaignId` (the campaign their applications point to; the
   * answer counts as `previous` only if that is the running one; it is `answered` either way).
   * One request in the DynamoDB adapter: the submission's request count depends on it.
   */
  context(tenantId: string, applicantIin: string, kindergartenIds: readonly string[], candidateCampaignId?: string): Promise<SurveyContext>;
  /** The change sequence last applied to the counters for each answer, as last written (never an older read), keyed by `appliedKey`; answers never counted are left out. */
  appliedSequences(answers: readonly { readonly campaignKey: string; readonly applicantIin: string }[]): Promise<Map<string, string>>;
  /**
   * The counters' part of a group of answer changes, as one intent: each answer's marker moved to
   * its change's sequence (on condition that it is still the one read: a concurrent or repeated
   * delivery is refused with `ConcurrentChangeError` and changes nothing) and each slice moved by
   * its combined delta (the adapter may spread a counter over parts chosen by `spreadBy`, another
   * on a retry; `slices` sums them).
   */
  aggregation(group: { readonly markers: readonly AggregationMarker[]; readonly slices: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>; readonly spreadBy: string }): WriteIntent;
  /** The counters of some slices of a campaign, summed: answers per option and per kindergarten; every slice asked for is in the map, a counter at zero is left out. */
  slices(campaignKey: string, slices: readonly string[]): Promise<Map<string, Map<string, number>>>;
  /** A page of a campaign's answers (for exports), in no promised order; `next` is an opaque cursor to pass back as `startAfter` (absent on the last page). */
  answersPage(campaignKey: string, startAfter?: string, limit?: number): Promise<{ answers: StoredAnswer[]; next?: string }>;
}

/** A campaign counter moved in the same transaction as the applications it counts. */
export interface CampaignCounter {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly field: DailyField;
  readonly delta: number;
}

export interface PositionWrite {
  readonly applicationId: string;
  /** The stored position the write expects to replace (undefined: none yet). */
  readonly expected: number | undefined;
  readonly change: PositionChange;
  /** The new bounded log (newest last). */
  readonly log: readonly PositionChange[];
}

export interface PlaceChanceWrite {
  readonly applicationId: string;
  readonly placeChances: readonly PlaceChanceEstimate[];
}

/** What the staff queue browser narrows a cohort's list by. */
export interface CohortFilter {
  readonly priority?: PriorityCategory;
  /** One of the application's preferred kindergartens. */
  readonly kindergartenId?: string;
}

/** One cohort's applications in one status other than queued, optionally narrowed. */
export interface StatusList {
  readonly tenantId: string;
  readonly status: Exclude<ApplicationStatus, 'queued'>;
  readonly birthYear: number;
  readonly filter: CohortFilter;
}

/** Where a page of a status list ends (its last application's registration and id); callers only pass it back. */
export interface StatusPageKey {
  readonly registeredAt: string;
  readonly applicationId: string;
}

export interface ApplicationStore {
  /** All applications of one applicant, across tenants, oldest first. */
  listByApplicant(applicantIin: string): Promise<Application[]>;
  get(applicationId: string): Promise<Application | undefined>;
  /**
   * The help desk's search in one tenant: by the child's IIN, by the start of the child's
   * (normalised) name and by application id; never another tenant's applications; at most `limit` hits.
   */
  search(tenantId: string, lookups: SearchLookups, limit: number): Promise<Application[]>;
  /**
   * Each application's transition as its part of a unit of work: written only while the
   * application is still in the status and at the version it was read with (and the child freed
   * for a new application where the plan says so).
   * Refused: `ConcurrentChangeError`.
   */
  transitions(changes: readonly { readonly application: Application; readonly plan: TransitionPlan }[]): WriteIntent[];
  /** A page of the applications still pending in a campaign, in no promised order; `next` is an opaque cursor (absent on the last page; a page may be short or empty before it). */
  pendingPage(tenantId: string, campaignId: string, startAfter?: string, limit?: number): Promise<{ applications: Application[]; next?: string }>;
  /** How many applications are still pending in a campaign. */
  countPending(tenantId: string, campaignId: string): Promise<number>;
  /** Takes an application out of a cancelled campaign's pending list (only if still in it; `pendingCampaign` as read from the application). */
  clearPending(applicationId: string, pendingCampaign: string): Promise<void>;
  /** Marks applications as pending in a campaign, each only while still queued and unchanged since read; returns how many were marked. */
  markPending(tenantId: string, campaignId: string, applications: readonly Pick<Application, 'applicationId' | 'version'>[]): Promise<number>;
  /**
   * A new application (at version 1), as intents for a unit of work (with the parent's notice, from
   * the notification store): refused with `ChildAlreadyQueuedError` when the child has an active
   * application in the tenant, `ConcurrentChangeError` when the id is taken.
   */
  registration(application: Application): WriteIntent[];
  /** Every queued application of a tenant's birth-year cohort, in queue order (registration, then id), optionally narrowed. */
  queueOf(tenantId: string, birthYear: number, filter?: CohortFilter): Promise<Application[]>;
  /**
   * A page of a cohort's queue in queue order (registration, then id), from after the
   * opaque cursor `after`; `next` is where the following page starts (absent on the last page).
   */
  queuePage(tenantId: string, birthYear: number, after: string | undefined, limit: number): Promise<{ applications: Application[]; next?: string }>;
  /**
   * A page of a cohort's applications in one status other than queued, oldest registration
   * first, narrowed by the filter; `next` is where the following page starts (a narrowed page may
   * hold fewer than `limit` and still have a next).
   */
  statusPage(list: StatusList, page: { readonly after?: StatusPageKey; readonly limit: number }): Promise<{ applications: Application[]; next?: StatusPageKey }>;
  /** How many applications a status list holds. */
  countStatus(list: StatusList): Promise<number>;
  /** For an import: which of these ids exist already. */
  existingIds(applicationIds: readonly string[]): Promise<Set<string>>;
  /** For an import: the active application of each child that has one in the tenant (child IIN → application id). */
  activeApplicationsOfChildren(tenantId: string, childIins: readonly string[]): Promise<Map<string, string>>;
  /**
   * For an import: writes new applications (no version yet) and each child's active-application
   * guard (their notices go through `NotificationStore.putMany`). Every write has a deterministic
   * key, so an interrupted import is completed by running it again.
   */
  importMany(applications: readonly Application[], onProgress?: (written: number) => void): Promise<void>;
  /**
   * An event appended to the application's history, whatever its status, as an intent for a unit
   * of work (staff changing the applicant's phone through it); refused with `ConcurrentChangeError`
   * when the application is no longer the tenant's or the applicant's it was read as.
   */
  historyEvent(application: Application, event: HistoryEvent): WriteIntent;
  /** Stores recomputed positions, each only while the application is queued and at the position expected; others are skipped. Returns how many were written. */
  writePositions(writes: readonly PositionWrite[]): Promise<number>;
  /** Stores each queued application's chance of a place (only while it is still queued); how many were written. */
  writePlaceChances(writes: readonly PlaceChanceWrite[]): Promise<number>;
}

export interface TenantStore {
  get(tenantId: string): Promise<(Tenant & TenantSettingsFields) | undefined>;
  /**
   * Writes a new version of the department's settings, only over `settings.version - 1` (the
   * version the administrator's form read), and keeps that version in the settings' history, all
   * or nothing. `ConcurrentChangeError` when another save came first,
   * `NotFoundError` when there is no such department.
   */
  saveSettings(tenantId: string, settings: DepartmentSettings): Promise<void>;
}

export interface KindergartenKey {
  readonly tenantId: string;
  readonly kindergartenId: string;
}

/** A place at a kindergarten, in an age group, taken (+1) or given back (−1). */
export type PlaceMove = NonNullable<TransitionPlan['place']>;

export interface KindergartenStore {
  /** A place taken (only if one is free) or given back, as part of a unit of work. Refused: `NoFreePlaceError`. */
  placeMove(tenantId: string, place: PlaceMove): WriteIntent;
  listByTenant(tenantId: string): Promise<Kindergarten[]>;
  /** The kindergartens with these keys; unknown keys are left out. */
  getMany(keys: readonly KindergartenKey[]): Promise<Kindergarten[]>;
  get(tenantId: string, kindergartenId: string): Promise<Kindergarten | undefined>;
  /** Creates or updates kindergartens (an import); places already taken are kept and the revision moves. `ConcurrentChangeError` when one would have fewer places than are taken. */
  upsertMany(tenantId: string, kindergartens: readonly Omit<Kindergarten, 'tenantId' | 'occupancy'>[]): Promise<void>;
  /** Writes a new kindergarten (no places taken, revision 1) only if its id is free; undefined when taken. */
  create(tenantId: string, kindergartenId: string, fields: KindergartenFields): Promise<Kindergarten | undefined>;
  /**
   * Replaces what staff entered, only if the kindergarten exists, is still at `expectedVersion`
   * and no age group has more places taken than the new capacity (checked in the same write, so a
   * referral racing the edit cannot leave fewer places than children). Refused: the kindergarten as it is
   * stored now (undefined if missing), to tell why.
   */
  update(
    tenantId: string,
    kindergartenId: string,
    fields: KindergartenFields,
    expectedVersion: number,
  ): Promise<{ readonly updated: Kindergarten } | { readonly refused: Kindergarten | undefined }>;
}

export interface ParentAccount {
  readonly kind: 'parent';
  readonly iin: string;
  readonly phone: string;
  readonly displayName: string;
  /** How many times staff changed the phone (absent = 0): a change is conditional on it. */
  readonly phoneVersion?: number;
  /** The language the parent reads SMS and e-mail in, once they chose one in the cabinet; else their application's. */
  readonly language?: Language;
  /** A second phone (`+7XXXXXXXXXX`) a failed SMS is tried on once; never logged. */
  readonly secondPhone?: string;
  /** An e-mail address (never logged); it receives notices once verified (`emailVerifiedAt`), decision 59. */
  readonly email?: string;
  readonly emailVerifiedAt?: string;
  /** SHA-256 (hex) of the pending verification token, and when it expires. */
  readonly emailTokenHash?: string;
  readonly emailTokenExpiresAt?: string;
}

/**
 * What saving the contacts does to the e-mail: `keep` it as it is, `remove` it, or `set` an
 * address, unverified, with a new pending token (replacing any older one, so an older link is dead).
 */
export type EmailChange =
  | { readonly kind: 'keep' }
  | { readonly kind: 'remove' }
  | { readonly kind: 'set'; readonly address: string; readonly tokenHash: string; readonly expiresAt: string };

export interface StaffAccount {
  readonly kind: 'staff';
  readonly login: string;
  readonly tenantId: string;
  readonly displayName: string;
  /** What they may do in their department (`admin` for a department's first administrator). */
  readonly role: StaffRole;
  /** `scrypt$N$r$p$salt$hash`, see `functions/use-cases/passwords.ts`; absent until they set one with their one-time link. */
  readonly passwordHash?: string;
  /** Absent means `active`; a disabled account cannot log in and its sessions are dead. */
  readonly status?: StaffStatus;
  /** Moves on when the account is disabled; a session opened at another generation is dead (absent = 0). */
  readonly sessionGeneration?: number;
  /** The second factor's RFC 6238 secret (base32); absent until enrolled through a one-time link, and after an administrator's reset. */
  readonly totpSecret?: string;
  /** The last time step whose code was accepted: a code is good once (absent: none yet). */
  readonly totpLastStep?: number;
  /** SHA-256 hashes of the recovery codes not used yet. */
  readonly recoveryCodeHashes?: readonly string[];
}

export interface AccountStore {
  getParent(iin: string): Promise<ParentAccount | undefined>;
  /**
   * The parent's phone replaced by staff, as an intent for a unit of work: only while it is still
   * `from` (the phone and its version the page showed); refused with `PhoneChangedMeanwhileError`.
   */
  phoneChange(iin: string, from: { readonly phone: string; readonly version: number }, to: string): WriteIntent;
  /** Creates the parent's cabinet account if there is none; an existing one is left as it is. Returns the account as stored. */
  ensureParent(account: ParentAccount): Promise<ParentAccount>;
  /** The parents with these IINs that have cabinet accounts (any number of IINs). */
  getParents(iins: readonly string[]): Promise<ParentAccount[]>;
  /** The same for many parents at once (an import): only missing accounts are written. */
  ensureParents(accounts: readonly ParentAccount[]): Promise<number>;
  /**
   * The parent's own contacts, set in the cabinet: the message language, and the second phone
   * (absent: removed). Only on an existing parent account; false (nothing written) otherwise.
   */
  saveParentContacts(iin: string, contacts: { readonly language: Language; readonly secondPhone?: string; readonly email?: EmailChange }): Promise<boolean>;
  /**
   * Marks the parent's address verified and uses the token up, only while `tokenHash` is the
   * pending token and has not expired at `at` (one conditional write); false otherwise.
   */
  verifyParentEmail(iin: string, tokenHash: string, at: string): Promise<boolean>;
  getStaff(login: string): Promise<StaffAccount | undefined>;
  /** Replaces a staff member's password hash only if it is still `expected`; false (nothing written) otherwise. */
  replaceStaffPasswordHash(login: string, expected: string, replacement: string): Promise<boolean>;
  /**
   * Records `step` as the last accepted time step, only while the secret is still `secret` and
   * the step is above the last one accepted; false (nothing written) when the code was used already.
   */
  acceptTotpStep(login: string, secret: string, step: number): Promise<boolean>;
  /** Takes one recovery code (its hash) away, only if it is still there; false when it was used already. */
  spendRecoveryCode(login: string, codeHash: string): Promise<boolean>;
}

/** A pending one-time login code; only its hash is kept. */
export interface LoginCode {
  readonly iin: string;
  readonly codeHash: string;
  readonly salt: string;
  readonly attempts: number;
  readonly expiresAt: string;
}

/** Who a session belongs to; what the authorizer hands to every handler. */
export interface Identity {
  readonly role: 'parent' | 'staff';
  readonly accountId: string;
  readonly displayName: string;
  /** Staff only: the one tenant they may act in. */
  readonly tenantId?: string;
  /** Parent only: their IIN, the key to their applications. */
  readonly iin?: string;
  /** Staff only: their role, read from their account on every request (a change applies at once). */
  readonly staffRole?: StaffRole;
}

export interface Session extends Omit<Identity, 'staffRole'> {
  /** SHA-256 of the cookie token, hex. */
  readonly sessionId: string;
  readonly expiresAt: string;
  /** Staff only: the account's `sessionGeneration` at login; a session of an older generation is dead. */
  readonly generation?: number;
}

export interface AuthStore {
  /** The removal of the parent's pending login code (if any), as an intent for a unit of work: a code sent to a phone that is no longer theirs must not open a session. */
  loginCodeRemoval(iin: string): WriteIntent;
  /** Replaces any earlier code for the same IIN. */
  saveLoginCode(code: LoginCode): Promise<void>;
  /**
   * Takes one of the code's tries before it is compared: counts it only while the code is live
   * (`expiresAt` after `now`) and fewer than `maxAttempts` were taken, in one conditional write.
   * The code to compare with when the try was granted; undefined when the code is gone, expired
   * or has no tries left.
   */
  takeLoginCodeAttempt(iin: string, maxAttempts: number, now: string): Promise<LoginCode | undefined>;
  /** Removes the code if it is still there; true if this call removed it (one use only). */
  consumeLoginCode(iin: string, codeHash: string): Promise<boolean>;
  createSession(session: Session): Promise<void>;
  getSession(sessionId: string): Promise<Session | undefined>;
  deleteSession(sessionId: string): Promise<void>;
  /** Counts one hit on a `windowed` rate-limit window; false (nothing counted) when it is full already. */
  hit(key: string, max: number, expiresAtEpoch: number): Promise<boolean>;
  /** An `exact` rate-limit subject's recent hits (epoch ms) and the version to write them back at (0: none yet). */
  hitLog(key: string): Promise<{ hits: number[]; version: number }>;
  /** Stores the subject's new hits if nobody wrote since `version`; false (nothing written) when someone did. */
  saveHitLog(key: string, hits: readonly number[], version: number, expiresAtEpoch: number): Promise<boolean>;
}

export interface NotificationStore {
  /** A new notice, as part of the unit of work of the change it tells about. */
  notice(notification: Notification): WriteIntent;
  /** One notice per parent that grows with each write naming more of their applications (e.g. all stopped by one close). */
  sharedNotice(shared: SharedNotice): WriteIntent;
  /** Writes notices as they are, many at a time (an import's: their ids are deterministic, so a re-run writes the same). */
  putMany(notifications: readonly Notification[]): Promise<void>;
  /** Writes notices that have deterministic ids, each at most once (a re-run writes nothing new). Returns the new ones. */
  putOnce(notifications: readonly Notification[]): Promise<Notification[]>;
  /**
   * Like `putOnce`, each notice claimed for an `owner` (kept with the notice, never shown): `written`
   * are the notices this call wrote; `owned` counts those and the ones already there for the same
   * owner (a retried chunk of a job counts again what its crashed attempt wrote, and a notice
   * written for another owner is not counted).
   */
  claimOnce(claims: readonly { readonly notification: Notification; readonly owner: string }[]): Promise<{ written: Notification[]; owned: number; mine: Notification[] }>;
  /** A parent's latest notices, newest first. */
  latest(recipientIin: string, limit: number): Promise<Notification[]>;
  /** Marks the parent's own notices as read (ids of other parents' notices change nothing). */
  markRead(recipientIin: string, notificationIds: readonly string[]): Promise<number>;
  /** One notice of a parent, if it exists. */
  get(recipientIin: string, notificationId: string): Promise<Notification | undefined>;
  /** Records how a channel's delivery went (e.g. the SMS copy of a notice). */
  setChannelStatus(notification: Pick<Notification, 'recipientIin' | 'notificationId'>, channel: 'sms' | 'email', status: 'sent' | 'failed'): Promise<void>;
  /**
   * The sender's claim of a channel's delivery (decision 53), a conditional write: from `queued`, or
   * from `sending` under a claim older than `staleBefore`, to `sending` under `claim`. False when
   * another sender has it or it has gone (sent, delivered, failed): nothing is to be sent then.
   */
  claimDelivery(notification: NoticeKey, channel: OutboundChannel, claim: { readonly id: string; readonly at: string; readonly staleBefore: string }): Promise<boolean>;
  /**
   * `sending` under `claim` → `sent`, with the provider's message id (receipts find the delivery by
   * it) and the application the delivery message named (a retry on another channel names it). False if the claim was lost.
   */
  recordSent(notification: NoticeKey, channel: OutboundChannel, claim: string, sent: { readonly messageId: string; readonly at: string; readonly applicationId?: string }): Promise<boolean>;
  /**
   * A failed delivery tried once on another channel (the second phone): `to` written `queued`, in
   * one conditional write, only while `from` is `failed` and `to` was never written. False
   * otherwise (another receipt or sender did it already: no duplicate).
   */
  queueFallback(notification: NoticeKey, from: OutboundChannel, to: OutboundChannel, queued: { readonly at: string; readonly applicationId: string }): Promise<boolean>;
  /**
   * Marks a notice that reached the parent on no channel (every delivery failed) for the
   * department's list of parents to call; once (false when it was marked already).
   */
  markUnreachable(notification: NoticeKey, mark: { readonly tenantId: string; readonly at: string }): Promise<boolean>;
  /** The department's notices that reached their parent on no channel, newest first, at most `limit`. */
  unreachable(tenantId: string, limit: number): Promise<Notification[]>;
  /**
   * The notices of one outbox shard with a delivery `queued` since `from` (inclusive) to `before`
   * (their writer may have died before enqueuing it), oldest first: a page of at most `limit`, and
   * the cursor of the next (opaque, and naming a parent: kept in memory, never in a job's task).
   */
  waitingInOutbox(shard: number, range: { readonly from?: string; readonly before: string }, limit: number, after?: string): Promise<{ notices: Notification[]; next?: string }>;
  /** How many of the department's notices of one campaign reached their parent on no channel (the dashboard's count). */
  countUnreachable(tenantId: string, campaignId: string): Promise<number>;
  /** `sending` under `claim` → `queued` again (the provider failed; the queue brings it back later). */
  releaseClaim(notification: NoticeKey, channel: OutboundChannel, claim: string): Promise<boolean>;
  /** `queued`, or `sending` under `claim` → `failed`, with the time and the reason (never a phone number). */
  recordFailed(notification: NoticeKey, channel: OutboundChannel, claim: string | undefined, failed: { readonly at: string; readonly reason: string }): Promise<boolean>;
  /** A `queued` channel the parent cannot be reached on (no cabinet, so no phone): removed, the cabinet copy stands. */
  dropQueuedChannel(notification: NoticeKey, channel: OutboundChannel): Promise<boolean>;
  /**
   * The provider's receipt for a message: its delivery, found by the message id, `sent` → `delivered`
   * or `failed` with the time. Returns the notice it updated, or undefined (unknown id, or already settled).
   */
  recordReceipt(receipt: { readonly messageId: string; readonly status: 'delivered' | 'failed'; readonly at: string; readonly reason?: string }): Promise<(NoticeKey & { readonly channel: OutboundChannel }) | undefined>;
}

export type NoticeKey = Pick<Notification, 'recipientIin' | 'notificationId'>;
