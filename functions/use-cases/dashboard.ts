import { placesOf } from '#domain/application';
import { campaignByDay, campaignPolicy, pendingKey } from '#domain/campaign';
import { InvalidInputError, NotFoundError } from '#domain/errors';
import { policyOf } from '#domain/policy';
import { countedQuestions, sliceOf } from '#domain/survey-answers';
import { surveyOfCampaign } from '#domain/survey-definition';
import type { Dependencies } from '#ports/dependencies';
import { campaignView, cohortsOf } from './campaign-commands.ts';

/**
 * The campaign dashboard (issue 6), from counters only: the campaign item (totals and per-day
 * counters), the tenant (districts, policy), its kindergartens, and the one aggregate slice the
 * filter names. Four requests however many answers there are; the kindergartens' Query grows
 * with the number of kindergartens.
 */
export async function campaignDashboard(
  deps: Pick<Dependencies, 'campaigns' | 'surveys' | 'kindergartens' | 'tenants' | 'notifications'>,
  input: { tenantId: string; campaignId: string; filter: { district?: string; cohort?: number }; map: { tileUrl: string | null; attribution: string | null } },
) {
  const slice = sliceOf(input.filter);
  const [campaign, tenant, kindergartens, slices, unreachable] = await Promise.all([
    deps.campaigns.get(input.tenantId, input.campaignId),
    deps.tenants.get(input.tenantId),
    deps.kindergartens.listByTenant(input.tenantId),
    deps.surveys.slices(pendingKey(input.tenantId, input.campaignId), [slice]),
    // Parents the campaign's messages reached on no channel (the list to call is the operators' route).
    deps.notifications.countUnreachable(input.tenantId, input.campaignId),
  ]);
  if (!campaign) throw new NotFoundError(input.campaignId);
  const cohorts = cohortsOf(campaign.year, campaignPolicy(campaign, policyOf(tenant?.policy))).sort((a, b) => a - b);
  const problems = [
    ...(input.filter.district && !tenant?.districts.some((d) => d.id === input.filter.district) ? [{ path: 'district', key: 'district_unknown' }] : []),
    ...(input.filter.cohort !== undefined && !cohorts.includes(input.filter.cohort) ? [{ path: 'cohort', key: 'cohort_unknown' }] : []),
  ];
  if (problems.length > 0) throw new InvalidInputError(problems);

  const counters = slices.get(slice) ?? new Map<string, number>();
  const count = (key: string) => counters.get(key) ?? 0;
  const load = kindergartens.map((k) => ({
    kindergartenId: k.kindergartenId,
    name: k.name,
    district: k.district,
    location: k.location,
    capacity: placesOf(k.capacity),
    chosen: count(`kindergartens#${k.kindergartenId}`),
  }));
  const { counts } = campaign;
  const running = campaign.status === 'active' || campaign.status === 'closing';
  return {
    campaign: campaignView(campaign),
    progress: {
      inScope: counts.inScope,
      applicants: counts.applicants,
      confirmed: counts.confirmed,
      pending: running ? Math.max(0, counts.inScope - counts.confirmed - counts.stopped) : 0,
      stopped: counts.stopped,
      restored: counts.restored,
      unreachable,
    },
    byDay: campaignByDay(campaign),
    filter: input.filter,
    cohorts,
    answers: count('answers#total'),
    kindergartens: load,
    districts: (tenant?.districts ?? []).map((district) => {
      const inside = load.filter((k) => k.district === district.id);
      return {
        id: district.id,
        name: district.name,
        outline: (district.outline ?? []).map(([lat, lon]) => [lat, lon] as [number, number]),
        capacity: inside.reduce((sum, k) => sum + k.capacity, 0),
        chosen: inside.reduce((sum, k) => sum + k.chosen, 0),
      };
    }),
    questions: countedQuestions(surveyOfCampaign(campaign)).map((question) => ({
      id: question.id,
      kind: question.kind,
      title: question.title,
      options: question.options.map(({ option, key }) => ({ id: option.id, label: option.label, count: count(key) })),
      ...(question.reasons && {
        reasons: { title: question.reasons.title, options: question.reasons.options.map(({ option, key }) => ({ id: option.id, label: option.label, count: count(key) })) },
      }),
    })),
    map: input.map,
  };
}
