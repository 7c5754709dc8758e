import type { SmsHours } from './sms.ts';

/** Priority categories (льготы) a department may offer; `none`, the general queue, is always there (`application.ts`). */
export const offerablePriorityCategories = ['extraordinary', 'disability', 'large_family', 'military', 'orphan'] as const;
export type OfferablePriorityCategory = (typeof offerablePriorityCategories)[number];

/** Of every `priority + general` referrals after the extraordinary ones, how many go to each sub-queue. */
export interface QueueRatio {
  readonly priority: number;
  readonly general: number;
}

/**
 * A tenant's rules that departments set for themselves (SPEC "Tenant policy"): data on the tenant
 * item, these values when unset.
 */
export interface TenantPolicy {
  readonly campaignLengthMonths: number;
  /** In scope of a campaign: reaches this many full years by 31 December of the campaign's year. */
  readonly confirmationAgeYears: number;
  readonly extensionYears: number;
  readonly referralValidityWorkingDays: number;
  /** A `referral_expired` stop returns to the queue after this many working days. */
  readonly referralStopWorkingDays: number;
  readonly reminderDaysBeforeEnd: readonly number[];
  readonly queueRatio: QueueRatio;
  /** The priority categories the department offers besides `none` (the general queue). */
  readonly priorityCategories: readonly OfferablePriorityCategory[];
  /** Position moves kept on an application for the parent to read. */
  readonly positionLogLength: number;
  /** When SMS may reach a phone, in Kazakhstan hours: one due outside waits for the next `from`. */
  readonly smsHours: SmsHours;
  /** The Kazakhstan hour the campaign reminders go out, whatever hour the campaign ends at. */
  readonly reminderHour: number;
}

export const defaultPolicy: TenantPolicy = {
  campaignLengthMonths: 1,
  confirmationAgeYears: 2,
  extensionYears: 1,
  referralValidityWorkingDays: 5,
  referralStopWorkingDays: 10,
  reminderDaysBeforeEnd: [7, 1],
  queueRatio: { priority: 1, general: 3 },
  priorityCategories: offerablePriorityCategories,
  positionLogLength: 10,
  smsHours: { from: 9, to: 21 },
  reminderHour: 10,
};

export function policyOf(overrides: Partial<TenantPolicy> | undefined): TenantPolicy {
  return { ...defaultPolicy, ...overrides };
}
