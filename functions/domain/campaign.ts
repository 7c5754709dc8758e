import { reachesAgeByYearEnd } from './age.ts';
import type { Application } from './application.ts';
import { DomainError } from './errors.ts';
import { addYears, kazakhstanDate, kazakhstanTime } from './kazakhstan-time.ts';
import type { TenantPolicy } from './policy.ts';

/** The interest-confirmation campaign (SPEC rules 2–8). */
export const campaignStatuses = ['draft', 'active', 'closing', 'closed', 'cancelled'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** What staff may do with a campaign (the console shows these, from the API). */
export const campaignActions = ['preview', 'start', 'cancel'] as const;
export type CampaignAction = (typeof campaignActions)[number];
/** From which statuses each action may be taken; the use cases refuse the rest. */
export const campaignActionRules = {
  preview: ['draft'],
  start: ['draft'],
  cancel: ['draft', 'active'],
} as const satisfies Record<CampaignAction, readonly CampaignStatus[]>;

export function campaignActionsOpen(status: CampaignStatus): CampaignAction[] {
  return campaignActions.filter((action) => (campaignActionRules[action] as readonly CampaignStatus[]).includes(status));
}

export interface CampaignCounts {
  /** Applications in scope at start, and their distinct applicants. */
  readonly inScope: number;
  readonly applicants: number;
  /** In-scope applications confirmed, and stopped at the close. */
  readonly confirmed: number;
  readonly stopped: number;
  /** Stopped by this campaign and brought back from the stop-list by their parents. */
  readonly restored: number;
}

/** The campaign counters that are also kept per day. */
export type DailyField = 'confirmed' | 'stopped' | 'restored';

/** The campaign item's attribute that counts one field on one Kazakhstan date. */
export const dailyCounter = (field: DailyField, day: string) => `daily#${field}#${day}`;

export interface Campaign {
  readonly tenantId: string;
  readonly campaignId: string;
  readonly year: number;
  /** ISO instants. */
  readonly startsAt: string;
  readonly endsAt: string;
  readonly status: CampaignStatus;
  readonly createdAt: string;
  readonly counts: CampaignCounts;
  /** While closing: applications stopped so far out of those pending at the close. */
  readonly closeProgress?: { readonly processed: number; readonly total: number };
  /** Per-day counters, keyed by `dailyCounter(field, day)`. */
  readonly daily?: Readonly<Record<string, number>>;
  /**
   * The department's policy as it stood when the campaign was created, then when it started: a
   * running campaign keeps it whatever the settings say later. Absent on campaigns made before.
   */
  readonly policy?: TenantPolicy;
  /** The survey version it asks (the department's setting at its creation, then at its start). */
  readonly surveyVersion?: string;
  /** A draft's last scope count (SPEC rule 2), made by the `campaign-preview` job (decision 57). */
  readonly preview?: CampaignPreview;
}

/**
 * How many applications and applicants a draft would take in, by birth year, as the
 * `campaign-preview` job counted them (decision 57): `counting` while it reads the queue (`read`
 * applications so far), `ready` with `computedAt` once it has read it all. `requestId` names the
 * request that asked for it: a job of an older request writes nothing.
 */
export interface CampaignPreview {
  readonly requestId: string;
  readonly requestedAt: string;
  readonly state: 'counting' | 'ready';
  readonly read: number;
  readonly applications: number;
  readonly applicants: number;
  readonly byCohort: readonly { readonly birthYear: number; readonly applications: number }[];
  readonly computedAt?: string;
}

/** The policy a campaign runs by: its own copy once it has started, the department's current one while a draft (or made before copies). */
export function campaignPolicy(campaign: Pick<Campaign, 'status' | 'policy'>, current: TenantPolicy): TenantPolicy {
  return campaign.status === 'draft' || !campaign.policy ? current : { ...current, ...campaign.policy };
}

/** The by-day series of a campaign, every date with something, in date order. */
export function campaignByDay(campaign: Pick<Campaign, 'daily'>): { date: string; confirmed: number; stopped: number; restored: number }[] {
  const days = new Map<string, { date: string; confirmed: number; stopped: number; restored: number }>();
  for (const [key, value] of Object.entries(campaign.daily ?? {})) {
    const [, field, date] = key.split('#') as [string, DailyField, string];
    const day = days.get(date) ?? { date, confirmed: 0, stopped: 0, restored: 0 };
    day[field] += value;
    days.set(date, day);
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export const emptyCounts: CampaignCounts = { inScope: 0, applicants: 0, confirmed: 0, stopped: 0, restored: 0 };

/** The campaign's end when staff give none: the policy's length after the start (one month). */
export function defaultEnd(startsAt: string, policy: TenantPolicy): string {
  const end = new Date(startsAt);
  end.setUTCMonth(end.getUTCMonth() + policy.campaignLengthMonths);
  return end.toISOString();
}

/**
 * SPEC rule 3: queued, the child reaches the policy's age (2 full years) by 31 December of the
 * campaign's year, and the application's validity ends on or before the campaign's last day.
 * Younger children need no confirmation; applications valid beyond the end wait for next year.
 */
export function isInScope(application: Application, campaign: Pick<Campaign, 'year' | 'endsAt'>, policy: TenantPolicy): boolean {
  return (
    application.status === 'queued' &&
    reachesAgeByYearEnd(application.birthDate, policy.confirmationAgeYears, campaign.year) &&
    application.validUntil <= kazakhstanDate(new Date(campaign.endsAt))
  );
}

/** SPEC rule 1: confirmation extends to the date + the policy's years, never earlier than it was. */
export function confirmedValidUntil(current: string, today: string, policy: Pick<TenantPolicy, 'extensionYears'>): string {
  const extended = addYears(today, policy.extensionYears);
  return extended > current ? extended : current;
}

/** A campaign's key in the answers and aggregates tables, and the pending index's key before it was sharded. */
export const pendingKey = (tenantId: string, campaignId: string) => `${tenantId}#${campaignId}`;

/**
 * The pending-index partition of an application still to be confirmed in a campaign, one of 16
 * shards (by application id), so a city's marking and closing spread over index partitions.
 */
export const pendingIndexKey = (tenantId: string, campaignId: string, shard: number) => `pending#${tenantId}#${campaignId}#${shard}`;

/** The campaign id in a stored `pendingCampaign`, sharded (`pending#<tenant>#<campaign>#<shard>`) or written before (`<tenant>#<campaign>`). */
export function campaignOfPending(pendingCampaign: string): string {
  const parts = pendingCampaign.split('#');
  return parts[0] === 'pending' ? parts[2]! : parts[1]!;
}

/** A confirmation after the end (SPEC rule 8): the way back is restoring from the stop-list. */
export class CampaignClosedError extends DomainError {
  readonly code = 'campaign_closed';
}

/** A submission of another survey version than the running campaign asks (a page opened before the version changed). */
export class SurveyVersionChangedError extends DomainError {
  readonly code = 'survey_version_changed';
}

/** A confirmation before the start of the tenant's campaign: it names when the campaign starts (Kazakhstan time). */
export class CampaignNotStartedError extends DomainError {
  readonly code = 'campaign_not_started';
  constructor(readonly startsAt: string) {
    super(`the campaign starts at ${startsAt}`);
  }
  override params(): Readonly<Record<string, string>> {
    const start = new Date(this.startsAt);
    return { date: kazakhstanDate(start), time: kazakhstanTime(start) };
  }
}

/** A survey from a parent with no queued application: nothing to confirm, so no answer is taken or counted. */
export class NothingToConfirmError extends DomainError {
  readonly code = 'nothing_to_confirm';
}

/** SPEC rule 2: at most one active campaign per tenant. */
export class CampaignAlreadyActiveError extends DomainError {
  readonly code = 'campaign_already_active';
}

/** A campaign action that its status does not allow (e.g. starting a closed one). */
export class CampaignStateError extends DomainError {
  readonly code = 'campaign_state';
}

/** Checks a campaign's dates: a real year, the end after the start, within the year after. */
export function checkCampaignDates(input: { year: number; startsAt: string; endsAt: string }): { path: string; key: string }[] {
  const problems: { path: string; key: string }[] = [];
  if (!(Date.parse(input.endsAt) > Date.parse(input.startsAt))) problems.push({ path: 'endsAt', key: 'end_before_start' });
  if (Math.abs(Number(input.startsAt.slice(0, 4)) - input.year) > 1) problems.push({ path: 'year', key: 'campaign_year' });
  return problems;
}
