import { randomUUID } from 'node:crypto';
import { campaignActionRules, campaignActionsOpen, CampaignStateError, checkCampaignDates, defaultEnd, emptyCounts, type Campaign, type CampaignAction } from '#domain/campaign';
import { InvalidInputError, NotFoundError } from '#domain/errors';
import type { TenantPolicy } from '#domain/policy';
import type { Dependencies } from '#ports/dependencies';
import { scheduleNames } from './schedule-names.ts';
import { settingsFor } from './settings.ts';

/*
 * The campaign's commands (create, start, cancel) and reads (staff's view, the public banner), and
 * what the preview and the jobs share with them (the cohorts, a campaign read by key). The preview
 * is in campaign-preview.ts, the start / reminder / close jobs in campaign-jobs.ts, the notices
 * they write in campaign-messages.ts, what a parent's confirmation changes in campaign-confirmation.ts.
 */

/** Children up to 7 years old can wait for a place: the cohorts a campaign may touch. */
export const cohortsOf = (year: number, policy: TenantPolicy) => Array.from({ length: 8 - policy.confirmationAgeYears }, (_, i) => year - policy.confirmationAgeYears - i);

/** A campaign by key, or `NotFoundError`. */
export async function loadCampaign(deps: Pick<Dependencies, 'campaigns'>, tenantId: string, campaignId: string): Promise<Campaign> {
  const campaign = await deps.campaigns.get(tenantId, campaignId);
  if (!campaign) throw new NotFoundError(campaignId);
  return campaign;
}

/** A campaign as staff see it: while closing, the progress is the stop counter against the total. */
export function campaignView(campaign: Campaign): Omit<Campaign, 'daily' | 'policy' | 'surveyVersion' | 'preview'> & { actions: CampaignAction[] } {
  const { daily: _perDay, policy: _policy, surveyVersion: _survey, preview: _preview, ...stored } = campaign;
  const view = { ...stored, actions: campaignActionsOpen(campaign.status) };
  if (campaign.status !== 'closing' || !campaign.closeProgress) return view;
  return { ...view, closeProgress: { processed: campaign.counts.stopped, total: campaign.closeProgress.total } };
}

export async function createCampaign(
  deps: Pick<Dependencies, 'campaigns' | 'tenants'>,
  input: { tenantId: string; year: number; startsAt: string; endsAt?: string; now: Date },
): Promise<Campaign> {
  const { policy, surveyVersion } = await settingsFor(deps, input.tenantId);
  const startsAt = new Date(input.startsAt).toISOString();
  const endsAt = input.endsAt ? new Date(input.endsAt).toISOString() : defaultEnd(startsAt, policy);
  const problems = checkCampaignDates({ year: input.year, startsAt, endsAt });
  if (problems.length > 0) throw new InvalidInputError(problems);
  const campaign: Campaign = {
    tenantId: input.tenantId,
    campaignId: `c-${input.year}-${randomUUID().slice(0, 8)}`,
    year: input.year,
    startsAt,
    endsAt,
    status: 'draft',
    createdAt: input.now.toISOString(),
    counts: emptyCounts,
    // Copied again at the start: a draft follows the settings until then.
    policy,
    surveyVersion,
  };
  await deps.campaigns.create(campaign);
  return campaign;
}

/**
 * Starts a draft: it becomes the tenant's one active campaign (a guard in the same transaction),
 * and a job does the work that grows with the queue (marking, notices, announcement, schedules).
 */
export async function startCampaign(deps: Pick<Dependencies, 'campaigns' | 'scheduler' | 'tenants'>, input: { tenantId: string; campaignId: string; now: Date }): Promise<Campaign> {
  const campaign = await loadCampaign(deps, input.tenantId, input.campaignId);
  if (Date.parse(campaign.endsAt) <= input.now.getTime()) throw new CampaignStateError('the campaign has already ended');
  // The campaign keeps the policy it starts with (later settings changes do not reach it) and the
  // survey version it recorded when it was created; the extension and the version also ride on
  // the guard, where a submission reads them.
  const settings = await settingsFor(deps, input.tenantId);
  const { policy } = settings;
  const surveyVersion = campaign.surveyVersion ?? settings.surveyVersion;
  const summary = { year: campaign.year, startsAt: campaign.startsAt, endsAt: campaign.endsAt, extensionYears: policy.extensionYears, surveyVersion };
  if (!(await deps.campaigns.transition(input.tenantId, input.campaignId, campaignActionRules.start, 'active', { guard: 'take', summary, set: { policy, surveyVersion } }))) {
    throw new CampaignStateError(`campaign is ${campaign.status}`);
  }
  // It becomes the active one now (so no second campaign can start); its work begins at its start.
  const task = { kind: 'campaign-start', tenantId: input.tenantId, campaignId: input.campaignId } as const;
  if (Date.parse(campaign.startsAt) > input.now.getTime()) {
    await deps.scheduler.scheduleOnce({ name: scheduleNames.campaignStart(campaign.campaignId), at: campaign.startsAt, task });
  } else {
    await deps.scheduler.enqueue({ name: scheduleNames.campaignStart(campaign.campaignId), task });
  }
  return { ...campaign, status: 'active' };
}

/** Cancels a draft or a running campaign before its end; nothing is stopped, pending marks are cleared by a job. */
export async function cancelCampaign(deps: Pick<Dependencies, 'campaigns' | 'scheduler'>, input: { tenantId: string; campaignId: string }): Promise<Campaign> {
  const campaign = await loadCampaign(deps, input.tenantId, input.campaignId);
  if (!campaignActionsOpen(campaign.status).includes('cancel')) throw new CampaignStateError(`campaign is ${campaign.status}`);
  const wasActive = campaign.status === 'active';
  // From the status read: a campaign that moved on meanwhile is refused by the condition.
  const moved = await deps.campaigns.transition(input.tenantId, input.campaignId, [campaign.status], 'cancelled', wasActive ? { guard: 'release' } : {});
  if (!moved) throw new CampaignStateError(`campaign is ${campaign.status}`);
  if (wasActive) {
    await deps.scheduler.enqueue({ name: scheduleNames.campaignCancel(campaign.campaignId), task: { kind: 'campaign-close', tenantId: input.tenantId, campaignId: input.campaignId, mode: 'cancel' } });
  }
  return { ...campaign, status: 'cancelled' };
}

/** The public banner: the tenant's active campaign, if any. */
export async function publicCampaign(deps: Pick<Dependencies, 'campaigns' | 'tenants'>, tenantId: string, now: Date) {
  const campaign = await deps.campaigns.active(tenantId);
  if (!campaign || campaign.status !== 'active' || Date.parse(campaign.startsAt) > now.getTime()) return { campaign: null };
  const tenant = await deps.tenants.get(tenantId);
  return { campaign: { year: campaign.year, endsAt: campaign.endsAt, tenantName: tenant?.name ?? { kk: tenantId, ru: tenantId, en: tenantId } } };
}
