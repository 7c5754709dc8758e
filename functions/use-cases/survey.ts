import { placesOf, type Actor, type Application } from '#domain/application';
import { CampaignClosedError, CampaignNotStartedError, NothingToConfirmError, SurveyVersionChangedError, campaignOfPending, pendingKey } from '#domain/campaign';
import { InvalidInputError } from '#domain/errors';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { notificationForTransition } from '#domain/notification';
import type { PlaceChanceEstimate } from '#domain/place-chance';
import { allSlice, counterKeys, type AnswerDimensions } from '#domain/survey-answers';
import { settingsOf } from '#domain/settings';
import { surveyDefinition, surveyOfCampaign, type SurveyDefinition } from '#domain/survey-definition';
import type { Dependencies } from '#ports/dependencies';
import type { SurveyContext } from '#ports/stores';
import { confirmationPlans } from './campaign-confirmation.ts';
import { applyTransitions, type TransitionStores } from './unit-of-work.ts';

/** The campaign a parent's applications point to: pending in it, or confirmed in it last. */
function candidateCampaign(applications: readonly Application[]): string | undefined {
  const pending = applications.find((a) => a.pendingCampaign)?.pendingCampaign;
  if (pending) return campaignOfPending(pending);
  const confirms = applications.flatMap((a) => (a.history ?? []).filter((e) => e.action === 'confirm'));
  return confirms.sort((a, b) => a.at.localeCompare(b.at)).at(-1)?.details?.campaignId as string | undefined;
}

/** The tenant of a parent's applications (one department per parent in practice; the queued one first). */
function tenantOf(applications: readonly Application[]): string | undefined {
  return (applications.find((a) => a.status === 'queued') ?? applications[0])?.tenantId;
}

const running = (campaign: { startsAt: string; endsAt: string } | undefined, now: Date): campaign is { startsAt: string; endsAt: string } =>
  campaign !== undefined && Date.parse(campaign.startsAt) <= now.getTime() && now.getTime() < Date.parse(campaign.endsAt);


/**
 * The answer the parent sees: the one in the running campaign; with no campaign running, the one
 * they sent in the campaign their applications point to (it has closed since), so "View survey"
 * still shows what they answered and the date it extended their applications to.
 */
function answerShown(running: { campaignId: string } | undefined, context: SurveyContext | undefined) {
  const shown = running ? context?.previous && { ...context.previous, campaignId: running.campaignId } : context?.answered;
  return shown ? { answers: shown.answer, submittedAt: shown.submittedAt, validUntil: shown.validUntil, campaignId: shown.campaignId, closed: !running } : null;
}

/**
 * The questions the parent sees: those the running campaign asks; with none running, those of the
 * answer they sent (a past campaign keeps its questions forever); with no answer either, those the
 * department's next campaign will ask.
 */
function definitionShown(running: { surveyVersion?: string } | undefined, context: SurveyContext | undefined, tenant: Parameters<typeof settingsOf>[0] | undefined): SurveyDefinition {
  if (running) return surveyOfCampaign(running);
  const answered = context?.answered && surveyDefinition(context.answered.version);
  if (answered) return answered;
  return surveyOfCampaign({ surveyVersion: tenant ? settingsOf(tenant).surveyVersion : undefined });
}

/**
 * The chance of a place of each of the parent's queued children at each kindergarten they chose
 * in their application, as the positions job stored it with the application (no extra read).
 */
function estimatesByKindergarten(applications: readonly Application[]) {
  type ChildEstimate = PlaceChanceEstimate & { applicationId: string; childName: string; birthDate: string };
  const byKindergarten = new Map<string, ChildEstimate[]>();
  for (const a of applications) {
    if (a.status !== 'queued') continue;
    for (const estimate of a.placeChances ?? []) {
      const list = byKindergarten.get(estimate.kindergartenId) ?? [];
      list.push({ ...estimate, applicationId: a.applicationId, childName: a.childName, birthDate: a.birthDate });
      byKindergarten.set(estimate.kindergartenId, list);
    }
  }
  return byKindergarten;
}

/** The survey as the parent sees it: questions, kindergartens with load and each child's chance, their answer so far. */
export async function surveyForParent(deps: Pick<Dependencies, 'applications' | 'surveys' | 'kindergartens' | 'tenants'>, applicantIin: string, now: Date) {
  const applications = await deps.applications.listByApplicant(applicantIin);
  const tenantId = tenantOf(applications);
  const context = tenantId ? await deps.surveys.context(tenantId, applicantIin, [], candidateCampaign(applications)) : undefined;
  const campaign = running(context?.campaign, now) ? context!.campaign! : undefined;
  const [kindergartens, counters, tenant] = await Promise.all([
    tenantId ? deps.kindergartens.listByTenant(tenantId) : [],
    campaign && tenantId ? deps.surveys.slices(pendingKey(tenantId, campaign.campaignId), [allSlice]).then((slices) => slices.get(allSlice)!) : new Map<string, number>(),
    tenantId ? deps.tenants.get(tenantId) : undefined,
  ]);
  const estimates = estimatesByKindergarten(applications);
  return {
    campaign: campaign ? { campaignId: campaign.campaignId, year: campaign.year, endsAt: campaign.endsAt } : null,
    definition: definitionShown(campaign, context, tenant),
    answer: answerShown(campaign, context),
    kindergartens: kindergartens.map((k) => {
      const chosen = counters.get(`kindergartens#${k.kindergartenId}`) ?? 0;
      const capacity = placesOf(k.capacity);
      return { kindergartenId: k.kindergartenId, name: k.name, district: k.district, ownership: k.ownership, languages: [...k.languages], location: k.location, load: { chosen, capacity }, estimates: estimates.get(k.kindergartenId) ?? [] };
    }),
    districts: tenant?.districts.map((d) => ({ id: d.id, name: d.name })) ?? [],
  };
}

/**
 * Sends the survey (SPEC rule 6): the answer (one per applicant per campaign; a re-submission
 * replaces it), the confirmation of every queued application of the parent and the notice in one
 * transaction of the parent's own items; the counters follow from the answers table's stream
 * (`aggregateAnswerChanges`, decision 54). Two reads (the applications; the campaign guard, the
 * chosen kindergartens and the earlier answer together) and one write.
 */
export async function submitSurvey(
  deps: TransitionStores,
  input: { applicantIin: string; version: string; answers: Record<string, unknown>; actor: Actor; now: Date },
): Promise<{ confirmed: number; validUntil: string; replaced: boolean }> {
  const applications = await deps.applications.listByApplicant(input.applicantIin);
  const tenantId = tenantOf(applications);
  if (!tenantId) throw new NothingToConfirmError('no applications');
  const chosen = input.answers.kindergartens as string[];
  const context = await deps.surveys.context(tenantId, input.applicantIin, chosen, candidateCampaign(applications));
  if (context.campaign && input.now.getTime() < Date.parse(context.campaign.startsAt)) throw new CampaignNotStartedError(context.campaign.startsAt);
  if (!running(context.campaign, input.now)) throw new CampaignClosedError(tenantId);
  const campaign = context.campaign;
  // The body was checked against the version it names; it must be the one this campaign asks.
  const definition = surveyOfCampaign(campaign);
  if (input.version !== definition.version) throw new SurveyVersionChangedError(`${input.version} ≠ ${definition.version}`);
  const mine = applications.filter((a) => a.tenantId === tenantId);
  // An answer confirms queued applications (SPEC rule 6); without one it would only skew the analytics.
  if (!mine.some((a) => a.status === 'queued')) throw new NothingToConfirmError('no queued application');
  const known = new Set(context.kindergartens.map((k) => k.kindergartenId));
  const unknown = chosen.flatMap((id, index) => (known.has(id) ? [] : [{ path: `answers.kindergartens.${index}`, key: 'kindergarten_unknown' }]));
  if (unknown.length > 0) throw new InvalidInputError(unknown);

  const at = input.now.toISOString();
  const { changes, validUntil } = confirmationPlans(mine, campaign.campaignId, kazakhstanDate(input.now), campaign.extensionYears, input.actor, at);
  const first = changes[0];
  const dimensions: AnswerDimensions = {
    district: context.kindergartens.find((k) => k.kindergartenId === chosen[0])!.district,
    cohorts: [...new Set(mine.filter((a) => a.status === 'queued').map((a) => Number(a.birthDate.slice(0, 4))))].sort(),
  };
  const pendingHere = changes.filter((c) => c.application.pendingCampaign !== undefined).length;
  // Only the parent's own items: the answer carries its counter keys, dimensions and
  // confirmations, and the aggregation moves the shared counters from the stream (decision 54).
  await applyTransitions(deps, {
    changes,
    notices: first ? [{ ...notificationForTransition(first.application, first.plan), applicationId: '-', params: { campaignId: campaign.campaignId, count: changes.length, validUntil } }] : [],
    survey: {
      campaignKey: pendingKey(tenantId, campaign.campaignId),
      tenantId,
      campaignId: campaign.campaignId,
      applicantIin: input.applicantIin,
      answer: input.answers,
      version: definition.version,
      submittedAt: at,
      validUntil,
      ...(context.previous && { replacesRevision: context.previous.revision }),
      dimensions,
      counted: counterKeys(definition, input.answers),
      confirms: pendingHere,
      confirmedOn: kazakhstanDate(input.now),
    },
  });
  return { confirmed: changes.length, validUntil, replaced: context.previous !== undefined };
}
