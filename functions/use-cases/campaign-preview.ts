import { randomUUID } from 'node:crypto';
import { campaignActionsOpen, CampaignStateError, campaignPolicy, isInScope, type CampaignPreview } from '#domain/campaign';
import type { Dependencies } from '#ports/dependencies';
import { unlimitedBudget, type JobBudget, type JobTask, type PreviewPart } from '#ports/scheduler';
import { forEachLimited } from '#functions/concurrency';
import { tenantPolicy } from './application-actions.ts';
import { cohortsOf, loadCampaign } from './campaign-commands.ts';
import { pagedAs } from './campaign-jobs.ts';
import { scheduleNames } from './schedule-names.ts';

/** Applications of the queue read per chunk of the preview job. */
export const previewPageSize = 500;

/** The preview as staff read it: the draft's last count, or none yet. */
export type PreviewView = Omit<CampaignPreview, 'requestId'> | { readonly state: 'none' };

const previewView = (preview: CampaignPreview | undefined): PreviewView => {
  if (!preview) return { state: 'none' };
  const { requestId: _request, ...view } = preview;
  return view;
};

/** SPEC rule 2, read: the draft's last preview as the `campaign-preview` job left it (one read by key, whatever the city's size). */
export async function readCampaignPreview(deps: Pick<Dependencies, 'campaigns'>, input: { tenantId: string; campaignId: string }): Promise<PreviewView> {
  return previewView((await loadCampaign(deps, input.tenantId, input.campaignId)).preview);
}

/**
 * SPEC rule 2, asked (decision 57): a draft's scope is counted by the `campaign-preview` job, not
 * inside the request (a city's queue is read in chunks, as the start reads it). The draft records
 * the request (`counting`, nothing read yet) and the job is enqueued; a new request replaces an
 * older one, whose job then writes nothing.
 */
export async function requestCampaignPreview(
  deps: Pick<Dependencies, 'campaigns' | 'scheduler'>,
  input: { tenantId: string; campaignId: string; now: Date },
): Promise<PreviewView> {
  const campaign = await loadCampaign(deps, input.tenantId, input.campaignId);
  if (!campaignActionsOpen(campaign.status).includes('preview')) throw new CampaignStateError(`campaign is ${campaign.status}`);
  const preview: CampaignPreview = { requestId: randomUUID(), requestedAt: input.now.toISOString(), state: 'counting', read: 0, applications: 0, applicants: 0, byCohort: [] };
  if (!(await deps.campaigns.setPreview(input.tenantId, input.campaignId, preview))) throw new CampaignStateError(`campaign is no longer a draft`);
  await deps.scheduler.enqueue({
    name: scheduleNames.campaignPreview(input.campaignId, preview.requestId),
    task: { kind: 'campaign-preview', tenantId: input.tenantId, campaignId: input.campaignId, requestId: preview.requestId },
  });
  return previewView(preview);
}

/**
 * The preview job (idempotent, resumable; decision 57): reads the draft's cohorts a page of the
 * queue index at a time, counts the in-scope applications by birth year and each applicant once
 * (at their in-scope application with the smallest id, read through the applicant's own index:
 * no parent in the job's state), writes its progress after every page and hands over to a
 * continuation once its budget says so. A job of a replaced request, or of a draft that started
 * meanwhile, stops at its next write.
 */
export async function runCampaignPreview(
  deps: Pick<Dependencies, 'applications' | 'campaigns' | 'tenants' | 'scheduler'>,
  task: Omit<Extract<JobTask, { kind: 'campaign-preview' }>, 'kind'>,
  now: Date,
  options: { budget?: JobBudget } = {},
): Promise<{ read: number; applications: number; applicants: number; handedOverTo?: number; stale?: true }> {
  const campaign = await loadCampaign(deps, task.tenantId, task.campaignId);
  const started = task.part ?? { n: 0, cohort: 0, read: 0, applications: 0, applicants: 0, byCohort: {} };
  if (campaign.status !== 'draft' || campaign.preview?.requestId !== task.requestId) return { ...started, stale: true };
  const policy = campaignPolicy(campaign, await tenantPolicy(deps, task.tenantId));
  const budget = options.budget ?? unlimitedBudget;
  const cohorts = cohortsOf(campaign.year, policy);
  let part: PreviewPart = started;
  const written = (state: CampaignPreview['state']): CampaignPreview => ({
    requestId: task.requestId,
    requestedAt: campaign.preview!.requestedAt,
    state,
    read: part.read,
    applications: part.applications,
    applicants: part.applicants,
    byCohort: Object.entries(part.byCohort).map(([birthYear, applications]) => ({ birthYear: Number(birthYear), applications })).sort((a, b) => a.birthYear - b.birthYear),
    ...(state === 'ready' && { computedAt: now.toISOString() }),
  });
  while (part.cohort < cohorts.length) {
    const birthYear = cohorts[part.cohort]!;
    const page = await deps.applications.queuePage(task.tenantId, birthYear, part.after, task.pageSize ?? previewPageSize);
    const scope = page.applications.filter((a) => isInScope(a, campaign, policy));
    // An applicant counts on the page that holds their in-scope application with the smallest id.
    const onPage = new Map<string, string[]>();
    for (const application of scope) onPage.set(application.applicantIin, [...(onPage.get(application.applicantIin) ?? []), application.applicationId]);
    let applicants = 0;
    await forEachLimited([...onPage], 16, async ([applicantIin, ids]) => {
      const theirs = (await deps.applications.listByApplicant(applicantIin)).filter((a) => a.tenantId === task.tenantId && isInScope(a, campaign, policy)).map((a) => a.applicationId);
      const first = [...theirs, ...ids].sort()[0]!;
      if (ids.includes(first)) applicants++;
    });
    const { after: _after, ...done } = part;
    part = {
      ...done,
      read: part.read + page.applications.length,
      applications: part.applications + scope.length,
      applicants: part.applicants + applicants,
      byCohort: scope.length > 0 ? { ...part.byCohort, [birthYear]: (part.byCohort[birthYear] ?? 0) + scope.length } : part.byCohort,
      ...(page.next ? { after: page.next } : { cohort: part.cohort + 1 }),
    };
    const last = part.cohort >= cohorts.length;
    // Staff see the count grow; a newer request (or the start) takes the draft from this job.
    if (!(await deps.campaigns.setPreview(task.tenantId, task.campaignId, written(last ? 'ready' : 'counting'), task.requestId))) return { ...part, stale: true };
    if (!last && budget.handOver()) {
      const next: PreviewPart = { ...part, n: part.n + 1 };
      await deps.scheduler.enqueue({ name: scheduleNames.campaignPreviewPart(task.campaignId, task.requestId, next.n), task: { kind: 'campaign-preview', tenantId: task.tenantId, campaignId: task.campaignId, requestId: task.requestId, part: next, ...pagedAs(task) } });
      return { read: part.read, applications: part.applications, applicants: part.applicants, handedOverTo: next.n };
    }
  }
  if (cohorts.length === 0) await deps.campaigns.setPreview(task.tenantId, task.campaignId, written('ready'), task.requestId);
  return { read: part.read, applications: part.applications, applicants: part.applicants };
}
