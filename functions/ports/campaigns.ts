import type { Campaign, CampaignPreview, CampaignStatus } from '#domain/campaign';
import type { CampaignCounter } from './stores.ts';
import type { WriteIntent } from './unit-of-work.ts';

/** Campaign storage, with the one-active-campaign-per-tenant guard. */
export interface CampaignStore {
  /**
   * A campaign counter moved with the change it counts (the total and the day's, `day` a
   * Kazakhstan date), as part of a unit of work; `spreadBy` (an applicant's IIN) picks the counter shard.
   */
  counterMove(counter: CampaignCounter, spreadBy: string, day: string): WriteIntent;
  create(campaign: Campaign): Promise<void>;
  get(tenantId: string, campaignId: string): Promise<Campaign | undefined>;
  list(tenantId: string): Promise<Campaign[]>;
  /** The tenant's active (or closing) campaign, through its guard. */
  active(tenantId: string): Promise<Campaign | undefined>;
  /**
   * Moves a campaign from one of `from` to `to`, conditionally; `guard` takes (on `active`) or
   * releases (on leaving it) the tenant's one-active-campaign guard in the same transaction.
   * Returns false if the campaign was not in `from` (someone else moved it first).
   */
  transition(
    tenantId: string,
    campaignId: string,
    from: readonly CampaignStatus[],
    to: CampaignStatus,
    options?: { guard?: 'take' | 'release'; set?: Partial<Pick<Campaign, 'counts' | 'closeProgress' | 'policy' | 'surveyVersion'>>; summary?: Pick<Campaign, 'year' | 'startsAt' | 'endsAt'> & { extensionYears: number; surveyVersion: string } },
  ): Promise<boolean>;
  /** Sets fields that only the campaign's own jobs write (close progress, the announcement mark). */
  update(tenantId: string, campaignId: string, set: Partial<Pick<Campaign, 'closeProgress'>> & { announcedAt?: string }, onlyIfUnset?: 'announcedAt' | 'closeProgress'): Promise<boolean>;
  /** The start job's counts (in scope, applicants), written field by field: the other counters move meanwhile. */
  setScope(tenantId: string, campaignId: string, scope: { inScope: number; applicants: number }): Promise<void>;
  /**
   * Writes a draft's preview, only while it is a draft and, with `ofRequest`, only while its
   * preview is still that request's (a newer request replaced it otherwise). False when refused.
   */
  setPreview(tenantId: string, campaignId: string, preview: CampaignPreview, ofRequest?: string): Promise<boolean>;
}
