import type { LocalizedText } from './language.ts';
import { offerablePriorityCategories, type TenantPolicy } from './policy.ts';

/** Where an application stands (SPEC "Words"). */
export const applicationStatuses = ['queued', 'referred', 'enrolled', 'stopped', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const stopReasons = ['cleanup', 'referral_expired'] as const;
export type StopReason = (typeof stopReasons)[number];

/** Priority categories (льготы); `none` is the general queue. */
export const priorityCategories = ['none', ...offerablePriorityCategories] as const;
export type PriorityCategory = (typeof priorityCategories)[number];

export const instructionLanguages = ['kk', 'ru'] as const;
export type InstructionLanguage = (typeof instructionLanguages)[number];

/** Who did something: a parent, a staff member, or the system (jobs, schedules). */
export interface Actor {
  readonly role: 'parent' | 'staff' | 'system';
  /** Account id for people, job name for the system. Never an IIN in clear. */
  readonly id: string;
}

/**
 * What an application's history records: each transition's action (`ActionKind`), its
 * registration, a change of the applicant's phone. One closed list: every label table keyed by it
 * is exhaustive.
 */
export const historyActions = [
  'register',
  'refer',
  'enroll',
  'withdraw',
  'expire_referral',
  'restore_after_referral',
  'stop_cleanup',
  'restore_cleanup',
  'change_kindergartens',
  'confirm',
  'change_applicant_phone',
] as const;
export type HistoryAction = (typeof historyActions)[number];

/** One entry of an application's append-only history. */
export interface HistoryEvent {
  readonly at: string;
  readonly actor: Actor;
  readonly action: HistoryAction;
  readonly from?: ApplicationStatus;
  readonly to: ApplicationStatus;
  readonly stopReason?: StopReason;
  /** Action-specific facts shown to the parent, e.g. the kindergarten of a referral. */
  readonly details?: Readonly<Record<string, string | number | readonly string[]>>;
}

/** One move of a stored queue position, with what explains it. */
export interface PositionChange {
  readonly at: string;
  readonly from?: number;
  readonly to: number;
  readonly reasons: Readonly<Record<string, number>>;
}

export interface Referral {
  readonly kindergartenId: string;
  readonly issuedAt: string;
  /** ISO date-time after which an unused referral expires. */
  readonly expiresAt: string;
  /**
   * The age group whose place the referral took at `kindergartenId`, given back exactly so on
   * expiry or withdrawal (the child may have moved to the next group meanwhile). Absent on
   * referrals issued before it was recorded.
   */
  readonly ageGroup?: AgeGroup;
}

/**
 * Every application id the system creates: `app-<uuid>` when registered, `imp.<tenant>.<external id>`
 * when imported (tenant and external id up to 40 of letters, digits, `_`, `-` each).
 */
export const applicationIdPattern = /^[\w.-]{1,100}$/;

/** A child's place in the queue (заявление). Dates are ISO strings. */
export interface Application {
  readonly applicationId: string;
  readonly tenantId: string;
  readonly applicantIin: string;
  readonly childIin: string;
  readonly childName: string;
  /** `YYYY-MM-DD`; always agrees with the child's IIN. */
  readonly birthDate: string;
  /** ISO date-time; the queue keeps this date through stops and restores. */
  readonly registeredAt: string;
  readonly priority: PriorityCategory;
  /** 1 to 3 kindergarten ids of the same tenant. */
  readonly preferredKindergartenIds: readonly string[];
  readonly language: InstructionLanguage;
  readonly status: ApplicationStatus;
  /** `YYYY-MM-DD`, the last day the application is valid without a confirmation. */
  readonly validUntil: string;
  readonly stopReason?: StopReason;
  readonly referral?: Referral;
  /** When a `referral_expired` stop returns to the queue by itself (ISO date-time). */
  readonly autoRestoreAt?: string;
  /** Optimistic-concurrency counter: every transition is conditional on it. */
  readonly version?: number;
  readonly history?: readonly HistoryEvent[];
  /** 1-based place in the cohort's queue; only while queued. */
  readonly position?: number;
  /** The latest position moves (bounded), newest last. */
  readonly positionLog?: readonly PositionChange[];
  /** The chance of a place at each chosen kindergarten, computed with the positions; only while queued. */
  readonly placeChances?: readonly PlaceChanceEstimate[];
  /** `<tenantId>#<campaignId>` while the application waits for its parent's confirmation. */
  readonly pendingCampaign?: string;
}

export const ageGroups = ['nursery', 'junior', 'middle', 'senior', 'preschool'] as const;
export type AgeGroup = (typeof ageGroups)[number];

/** The chance of a place in plain words (`place-chance.ts` computes it). */
export type PlaceChance = 'high' | 'medium' | 'low';

/** How sure the estimate is: `firm` far from a boundary between words, `rough` near one. */
export type ChanceCertainty = 'firm' | 'rough';

/** The estimate stored with a queued application, one per kindergarten it chose. */
export interface PlaceChanceEstimate {
  readonly kindergartenId: string;
  /** 1-based place of the child among the cohort's queued children who chose this kindergarten. */
  readonly rank: number;
  /** How many of the cohort's queued children chose it. */
  readonly among: number;
  /** The child's age group at the next intake. */
  readonly ageGroup: AgeGroup;
  readonly free: number;
  readonly freeing: number;
  readonly chance: PlaceChance;
  readonly certainty: ChanceCertainty;
}

export interface Kindergarten {
  readonly tenantId: string;
  readonly kindergartenId: string;
  readonly name: LocalizedText;
  readonly ownership: 'state' | 'private';
  readonly languages: readonly InstructionLanguage[];
  readonly district: string;
  readonly address: string;
  readonly location: { readonly lat: number; readonly lon: number };
  /** Places by age group. */
  readonly capacity: Readonly<Record<AgeGroup, number>>;
  /** Places taken by age group: children enrolled plus referrals not yet used or expired. */
  readonly occupancy?: Readonly<Record<AgeGroup, number>>;
  /** Revision of what staff entered (not of the occupancy): an edit is conditional on it; absent = 0. */
  readonly version?: number;
}

/** Places of a kindergarten, all age groups. */
export const placesOf = (capacity: Readonly<Record<string, number>>) => Object.values(capacity).reduce((sum, n) => sum + n, 0);

export interface District {
  readonly id: string;
  readonly name: LocalizedText;
  /** The district's boundary on the map: a closed ring of `[lat, lon]` (absent when unknown). */
  readonly outline?: readonly (readonly [number, number])[];
}

export interface Tenant {
  readonly tenantId: string;
  readonly name: LocalizedText;
  readonly districts: readonly District[];
  /** The department's own settings; unset ones take `defaultPolicy`. */
  readonly policy?: Partial<TenantPolicy>;
}
