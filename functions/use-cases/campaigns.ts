import { randomUUID } from 'node:crypto';
import type { Actor, Application } from '#domain/application';
import { planTransition, type TransitionPlan } from '#domain/application-lifecycle';
import {
  campaignActionRules,
  campaignActionsOpen,
  CampaignStateError,
  campaignPolicy,
  checkCampaignDates,
  confirmedValidUntil,
  defaultEnd,
  emptyCounts,
  isInScope,
  type Campaign,
  type CampaignAction,
  type CampaignPreview,
} from '#domain/campaign';
import { ConcurrentChangeError, InvalidInputError, NotFoundError } from '#domain/errors';
import { addYears, kazakhstanDate } from '#domain/kazakhstan-time';
import { channelsOfNewNotice, notificationForTransition, withOutboxMark, type Notification } from '#domain/notification';
import type { TenantPolicy } from '#domain/policy';
import type { Dependencies } from '#ports/dependencies';
import { unlimitedBudget, type JobBudget, type JobTask, type PreviewPart, type StartPart } from '#ports/scheduler';
import { tenantPolicy } from './application-actions.ts';
import { requestPositions } from './queue-positions.ts';
import { scheduleNames } from './schedule-names.ts';
import { forEachLimited, forEachLimitedStream, inGroups } from '#functions/concurrency';
import { firstName, atKazakhstanHour } from '#domain/sms';
import { deliverNoticeSms, withEmailDeliveries } from './notice-sms.ts';
import { settingsFor } from './settings.ts';
import { applyTransitions, type TransitionStores } from './unit-of-work.ts';
import { campaignAnnouncements } from '#domain/announcement';
import { settingsOf } from '#domain/settings';

const system = (job: string): Actor => ({ role: 'system', id: job });
/** Children up to 7 years old can wait for a place: the cohorts a campaign may touch. */
export const cohortsOf = (year: number, policy: TenantPolicy) => Array.from({ length: 8 - policy.confirmationAgeYears }, (_, i) => year - policy.confirmationAgeYears - i);

async function loadCampaign(deps: Pick<Dependencies, 'campaigns'>, tenantId: string, campaignId: string): Promise<Campaign> {
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

/**
 * A campaign notice of one parent. `via` is the application that names them to the sender (kept
 * on the delivery, so the outbox sweeper can enqueue it again) and the time it is written (its
 * outbox mark: a reminder is written weeks after `createdAt`).
 */
const campaignNotification = (campaign: Campaign, recipientIin: string, kind: 'campaign_started' | 'campaign_reminder', suffix: string, via: { applicationId: string; at: Date }): Notification => {
  const notice: Notification = {
  recipientIin,
  // Deterministic: a job run twice writes the same notice once (the put is conditional).
  notificationId: `${campaign.startsAt}#${campaign.campaignId}#${kind}${suffix}`,
  tenantId: campaign.tenantId,
  applicationId: '-',
  kind,
  createdAt: campaign.startsAt,
  params: { campaignId: campaign.campaignId, year: campaign.year, endsAt: campaign.endsAt },
  // Written with its SMS queued (the outbox): the sender takes it from the queue (decision 53).
  ...channelsOfNewNotice(kind, campaign.startsAt),
  read: false,
  };
  const sms = notice.deliveries?.sms;
  return withOutboxMark(sms ? { ...notice, deliveries: { sms: { ...sms, applicationId: via.applicationId } } } : notice, via.at.toISOString());
};

/** The applicants of some applications, each with one of their applications (it names them to the SMS job). */
function byApplicant(applications: Iterable<Application>): Map<string, Application> {
  const first = new Map<string, Application>();
  for (const application of applications) if (!first.has(application.applicantIin)) first.set(application.applicantIin, application);
  return first;
}

const withApplications = (notices: readonly Notification[], applicants: ReadonlyMap<string, Application>) =>
  notices.map((notice) => ({ notice, application: applicants.get(notice.recipientIin)! }));

/** Queue entries read per chunk of the start job (one Query of the queue index). */
export const startPageSize = 250;

/** A task's own page size (`PagedTask`), for its continuation to keep. */
const pagedAs = (task: { pageSize?: number }) => (task.pageSize === undefined ? {} : { pageSize: task.pageSize });

/**
 * The start job (idempotent, resumable): marks every in-scope application pending, notifies each
 * applicant once, announces once on the tenant's channel, schedules the reminders and the close.
 * It walks the scope a page of one cohort's queue at a time (the sparse queue index); once its
 * budget says so it hands over to a continuation carrying the cursor and the tallies of the pages
 * done (decision 42). Each page is idempotent: marks are conditional on the version read, and an
 * applicant's notice is claimed for the application that first names them in the page, so a
 * retried page counts its applicants again and a sibling in a later page does not.
 */
export async function runCampaignStart(
  deps: Pick<Dependencies, 'applications' | 'campaigns' | 'tenants' | 'notifications' | 'notifier' | 'scheduler' | 'deliveries' | 'siteUrl' | 'accounts'>,
  task: { tenantId: string; campaignId: string; part?: StartPart; pageSize?: number },
  now: Date,
  options: { budget?: JobBudget } = {},
): Promise<{ inScope: number; applicants: number; handedOverTo?: number }> {
  const campaign = await loadCampaign(deps, task.tenantId, task.campaignId);
  if (campaign.status !== 'active') return { inScope: 0, applicants: 0 };
  const policy = campaignPolicy(campaign, await tenantPolicy(deps, task.tenantId));
  const budget = options.budget ?? unlimitedBudget;
  const cohorts = cohortsOf(campaign.year, policy);
  let part: StartPart = task.part ?? { n: 0, cohort: 0, inScope: 0, applicants: 0 };
  while (part.cohort < cohorts.length) {
    const page = await deps.applications.queuePage(task.tenantId, cohorts[part.cohort]!, part.after, task.pageSize ?? startPageSize);
    const scope = page.applications.filter((a) => isInScope(a, campaign, policy));
    const marked = await deps.applications.markPending(task.tenantId, task.campaignId, scope);
    const applicantOf = byApplicant(scope);
    // Each parent with a verified e-mail gets it queued beside the SMS, in the same write (decision 59).
    const started = await withEmailDeliveries(deps, [...applicantOf].map(([iin, application]) => campaignNotification(campaign, iin, 'campaign_started', '', { applicationId: application.applicationId, at: now })));
    const { mine, owned } = await deps.notifications.claimOnce(started.map((notification) => ({ notification, owner: applicantOf.get(notification.recipientIin)!.applicationId })));
    // Each notice this page owns is written with its SMS queued (the outbox); a retried page
    // enqueues them again, which sends none twice: the sender claims each delivery once.
    await deliverNoticeSms(deps, task.tenantId, withApplications(mine, applicantOf), now);
    const { after: _after, ...done } = part;
    part = { ...done, inScope: part.inScope + marked, applicants: part.applicants + owned, ...(page.next ? { after: page.next } : { cohort: part.cohort + 1 }) };
    if (part.cohort < cohorts.length && budget.handOver()) {
      const next: StartPart = { ...part, n: part.n + 1 };
      // Staff see the scope grow while the start goes on; the last part writes the whole count.
      await deps.campaigns.setScope(task.tenantId, task.campaignId, { inScope: Math.max(part.inScope, campaign.counts.inScope), applicants: Math.max(part.applicants, campaign.counts.applicants) });
      await deps.scheduler.enqueue({ name: scheduleNames.campaignStartPart(task.campaignId, next.n), task: { kind: 'campaign-start', tenantId: task.tenantId, campaignId: task.campaignId, part: next, ...pagedAs(task) } });
      return { inScope: part.inScope, applicants: part.applicants, handedOverTo: next.n };
    }
  }
  // A re-run finds the earlier marks already there; the counts are those of the first full run.
  await deps.campaigns.setScope(task.tenantId, task.campaignId, { inScope: Math.max(part.inScope, campaign.counts.inScope), applicants: part.applicants });
  const tenant = await deps.tenants.get(task.tenantId);
  if (await deps.campaigns.update(task.tenantId, task.campaignId, { announcedAt: now.toISOString() }, 'announcedAt')) {
    const announcements = campaignAnnouncements({
      department: tenant?.name,
      fallbackName: task.tenantId,
      year: campaign.year,
      from: kazakhstanDate(new Date(campaign.startsAt)),
      until: kazakhstanDate(new Date(campaign.endsAt)),
      siteUrl: deps.siteUrl,
      languages: tenant ? settingsOf(tenant).languages : ['kk', 'ru'],
    });
    for (const announcement of announcements) await deps.notifier.announce({ tenantId: task.tenantId, ...announcement });
  }
  const end = Date.parse(campaign.endsAt);
  for (const days of policy.reminderDaysBeforeEnd) {
    // At the policy's daytime hour of that day, not at whatever hour the campaign ends.
    const at = atKazakhstanHour(new Date(end - days * 86_400_000), policy.reminderHour).getTime();
    if (at > now.getTime() && at < end) {
      await deps.scheduler.scheduleOnce({ name: scheduleNames.campaignReminder(campaign.campaignId, days), at: new Date(at).toISOString(), task: { kind: 'campaign-reminder', tenantId: task.tenantId, campaignId: task.campaignId, daysBefore: days } });
    }
  }
  await deps.scheduler.scheduleOnce({ name: scheduleNames.campaignClose(campaign.campaignId), at: campaign.endsAt, task: { kind: 'campaign-close', tenantId: task.tenantId, campaignId: task.campaignId, mode: 'close' } });
  return { inScope: part.inScope, applicants: part.applicants };
}

/** Pending entries read per chunk of a reminder. */
const reminderPageSize = 500;

/**
 * A reminder (idempotent, resumable): one notice per applicant with applications still pending,
 * a page of the pending index at a time, handing over to a continuation with the index's cursor
 * once its budget says so (decision 42). A parent met on two pages gets one notice (its id is
 * deterministic) and one SMS (only a notice a page wrote is sent).
 */
export async function runCampaignReminder(
  deps: Pick<Dependencies, 'applications' | 'campaigns' | 'notifications' | 'deliveries' | 'tenants' | 'scheduler' | 'accounts'>,
  task: Omit<Extract<JobTask, { kind: 'campaign-reminder' }>, 'kind'>,
  now: Date,
  options: { budget?: JobBudget } = {},
): Promise<{ reminded: number; handedOverTo?: number }> {
  const campaign = await loadCampaign(deps, task.tenantId, task.campaignId);
  if (campaign.status !== 'active') return { reminded: 0 };
  const budget = options.budget ?? unlimitedBudget;
  let reminded = 0;
  let next: string | undefined = task.part?.after;
  do {
    const page = await deps.applications.pendingPage(task.tenantId, task.campaignId, next, reminderPageSize);
    const applicants = byApplicant(page.applications);
    const notices = await withEmailDeliveries(deps, [...applicants].map(([iin, application]) => campaignNotification(campaign, iin, 'campaign_reminder', `-${task.daysBefore}`, { applicationId: application.applicationId, at: now })));
    const written = await deps.notifications.putOnce(notices);
    // Every notice of the page, also those a crashed attempt wrote: the sender skips one already sent.
    await deliverNoticeSms(deps, task.tenantId, withApplications(notices, applicants), now);
    reminded += written.length;
    next = page.next;
    if (next && budget.handOver()) {
      const n = (task.part?.n ?? 0) + 1;
      await deps.scheduler.enqueue({ name: scheduleNames.campaignReminderPart(task.campaignId, task.daysBefore, n), task: { kind: 'campaign-reminder', tenantId: task.tenantId, campaignId: task.campaignId, daysBefore: task.daysBefore, part: { n, after: next } } });
      return { reminded, handedOverTo: n };
    }
  } while (next);
  return { reminded };
}

/** In flight at once while closing: DynamoDB Local on 2 cores is busiest (most writes per second) near 8. */
const closeConcurrency = 8;
/** Applications stopped per transaction: with one notice per parent and the counter, at most 2 × 40 + 1 items (DynamoDB allows 100). */
export const closeGroupSize = 40;
/** Applications read per Query of the pending index while closing. */
const closePageSize = 250;

/** A campaign's pending applications, page after page through the index's cursor, each next page read ahead. */
async function* pendingApplications(deps: Pick<Dependencies, 'applications'>, tenantId: string, campaignId: string, pageSize = closePageSize): AsyncGenerator<Application> {
  let page = await deps.applications.pendingPage(tenantId, campaignId, undefined, pageSize);
  for (;;) {
    const following = page.next === undefined ? undefined : deps.applications.pendingPage(tenantId, campaignId, page.next, pageSize);
    // Handled when awaited below; this only keeps a close that failed meanwhile from an unhandled rejection.
    following?.catch(() => undefined);
    yield* page.applications;
    if (!following) return;
    page = await following;
  }
}

/**
 * The close at the end (SPEC rule 7), resumable and idempotent: the campaign goes to `closing`,
 * every application still in the pending index is stopped (`cleanup`) in its own transaction
 * with its notice and the campaign's `stopped` counter, a page at a time with bounded
 * concurrency; then the campaign is `closed` and its guard released. A crash anywhere leaves
 * the rest in the index for the next run; an application confirmed meanwhile has left the index
 * and fails the version check, so it ends confirmed, never both.
 * In `cancel` mode the pending marks are cleared instead and nothing is stopped.
 */
export async function runCampaignClose(
  deps: TransitionStores & Pick<Dependencies, 'tenants' | 'scheduler' | 'deliveries'> & Partial<Pick<Dependencies, 'accounts'>>,
  task: Omit<Extract<JobTask, { kind: 'campaign-close' }>, 'kind'>,
  now: Date,
  options: { concurrency?: number; budget?: JobBudget } = {},
): Promise<{ stopped: number; handedOverTo?: number }> {
  const campaign = await loadCampaign(deps, task.tenantId, task.campaignId);
  const budget = options.budget ?? unlimitedBudget;
  if (task.mode === 'close') {
    if (campaign.status === 'active') await deps.campaigns.transition(task.tenantId, task.campaignId, ['active'], 'closing');
    else if (campaign.status !== 'closing') return { stopped: 0 };
    // The total from the campaign's own counters, not a count of the index: counting 100,000
    // pending entries took DynamoDB Local longer than stopping half of them (BENCHMARKS.md). It is
    // high by what was referred or withdrawn during the campaign; the end makes it exact.
    const total = Math.max(0, campaign.counts.inScope - campaign.counts.confirmed);
    await deps.campaigns.update(task.tenantId, task.campaignId, { closeProgress: { processed: 0, total } }, 'closeProgress');
  }
  const at = now.toISOString();
  const cohorts = new Set<number>();
  let stopped = 0;
  const stopNotice = (mine: readonly { application: Application; plan: TransitionPlan }[]): Notification => ({
    // One notice per parent for the whole close, however many of their applications it stops.
    ...notificationForTransition(mine[0]!.application, mine[0]!.plan),
    notificationId: `${campaign.endsAt}#${campaign.campaignId}#stop_cleanup`,
    applicationId: '-',
    createdAt: campaign.endsAt,
    // The SMS names the children by first name (no IIN, no surname on a phone's lock screen).
    params: { campaignId: campaign.campaignId, year: campaign.year, childNames: mine.map((c) => firstName(c.application.childName)).join(', ') },
  });
  /** Stops some applications in one transaction: each conditional on its version, one notice per parent, the counter moved by their number. */
  const stop = async (applications: readonly Application[]) => {
    const changes = applications.map((application) => ({ application, plan: planTransition(application, { kind: 'stop_cleanup', campaignId: task.campaignId }, system('campaign-close'), at) }));
    const byParent = new Map<string, typeof changes>();
    for (const change of changes) byParent.set(change.application.applicantIin, [...(byParent.get(change.application.applicantIin) ?? []), change]);
    const withEmail = await withEmailDeliveries(deps, [...byParent.values()].map(stopNotice));
    const notices = [...byParent.values()].map((mine, i) => ({ notice: withEmail[i]!, application: mine[0]!.application }));
    await applyTransitions(deps, {
      changes,
      counter: { tenantId: task.tenantId, campaignId: task.campaignId, field: 'stopped', delta: changes.length },
      sharedNotices: notices.map(({ notice, application }) => ({ notification: notice, applicationIds: byParent.get(application.applicantIin)!.map((c) => c.application.applicationId) })),
    });
    // The stop reaches the phone too: its SMS was queued with the notice in the transaction; the
    // queue takes it at once in daytime, else it is held for the morning (a close runs at the end of a day).
    await deliverNoticeSms(deps, task.tenantId, notices, now);
    stopped += changes.length;
    for (const { application } of changes) cohorts.add(Number(application.birthDate.slice(0, 4)));
  };
  const settle = async (group: readonly Application[]) => {
    if (task.mode === 'cancel') {
      for (const application of group) await deps.applications.clearPending(application.applicationId, application.pendingCampaign!);
      return;
    }
    try {
      await stop(group);
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError)) throw error;
      // Some of the group changed since the page was read (a confirmation won the race): one by
      // one, so the others are still stopped and the changed ones left as they are.
      for (const application of group) {
        try {
          await stop([application]);
        } catch (single) {
          if (!(single instanceof ConcurrentChangeError)) throw single;
        }
      }
    }
  };
  // Passes over the pending index until one finds nothing: a pass follows the index's cursor
  // (what it stops leaves the index behind the cursor) and reads the next page while the workers
  // write, so they never wait for a page; a next pass from the start is the proof nothing is left.
  // Workers stop a group of applications per transaction (at most 81 items, below
  // DynamoDB's 100): fewer, larger transactions, and the campaign's counter item is touched once
  // per group instead of once per application.
  // Once the budget says so (decision 42), no further group is taken; the groups in flight finish,
  // and a continuation goes on from the index, which holds exactly what is left.
  let handingOver = false;
  let taken = 0;
  async function* whileBudgetLasts(groups: AsyncIterable<Application[]>): AsyncGenerator<Application[]> {
    for await (const group of groups) {
      // At least one group per invocation, so every continuation makes progress.
      if (taken > 0 && budget.handOver()) {
        handingOver = true;
        return;
      }
      taken++;
      yield group;
    }
  }
  for (;;) {
    let seen = 0;
    // A task's smaller page (`PagedTask`) makes smaller reads and transactions, so less is in flight when it hands over.
    const pages = pendingApplications(deps, task.tenantId, task.campaignId, task.pageSize ?? closePageSize);
    await forEachLimitedStream(whileBudgetLasts(inGroups(pages, Math.min(closeGroupSize, task.pageSize ?? closeGroupSize))), options.concurrency ?? closeConcurrency, async (group) => {
      seen += group.length;
      await settle(group);
    });
    if (handingOver) {
      const n = (task.part?.n ?? 0) + 1;
      await deps.scheduler.enqueue({ name: scheduleNames.campaignClosePart(task.campaignId, task.mode, n), task: { kind: 'campaign-close', tenantId: task.tenantId, campaignId: task.campaignId, mode: task.mode, part: { n }, ...pagedAs(task) } });
      return { stopped, handedOverTo: n };
    }
    if (seen === 0) break;
  }
  if (task.mode === 'close') {
    const after = await loadCampaign(deps, task.tenantId, task.campaignId);
    await deps.campaigns.transition(task.tenantId, task.campaignId, ['closing'], 'closed', {
      guard: 'release',
      set: { closeProgress: { processed: after.counts.stopped, total: after.counts.stopped } },
    });
    const policy = campaignPolicy(campaign, await tenantPolicy(deps, task.tenantId));
    await requestPositions(deps, { tenantId: task.tenantId, birthYears: cohortsOf(campaign.year, policy), changes: [], at, reason: `close-${task.campaignId}`, unexplainedAs: 'stopped' });
  }
  return { stopped };
}

/**
 * What a confirmation changes (SPEC rules 1 and 6): every queued application of the parent in the
 * tenant, except those already confirmed in this campaign (never extended twice), each extended to
 * today + the policy's years and never earlier than it was. Also the date the confirmation gave, to show.
 */
export function confirmationPlans(applications: readonly Application[], campaignId: string, today: string, extensionYears: number, actor: Actor, at: string) {
  const queued = applications.filter((a) => a.status === 'queued');
  const changes = queued
    .filter((a) => !(a.history ?? []).some((e) => e.action === 'confirm' && e.details?.campaignId === campaignId))
    .map((application) => ({
      application,
      plan: planTransition(application, { kind: 'confirm', campaignId, validUntil: confirmedValidUntil(application.validUntil, today, { extensionYears }) }, actor, at),
    }));
  // The date this campaign's confirmation gave: the earliest validity it set (now, or on an earlier
  // submission of the same campaign), not a later validity some application had anyway.
  const given = [
    ...changes.map((c) => c.plan.set.validUntil!),
    ...queued.flatMap((a) => (a.history ?? []).filter((e) => e.action === 'confirm' && e.details?.campaignId === campaignId && typeof e.details.validUntil === 'string').map((e) => e.details!.validUntil as string)),
  ];
  const validUntil = given.sort()[0] ?? addYears(today, extensionYears);
  return { changes, validUntil };
}

/** The public banner: the tenant's active campaign, if any. */
export async function publicCampaign(deps: Pick<Dependencies, 'campaigns' | 'tenants'>, tenantId: string, now: Date) {
  const campaign = await deps.campaigns.active(tenantId);
  if (!campaign || campaign.status !== 'active' || Date.parse(campaign.startsAt) > now.getTime()) return { campaign: null };
  const tenant = await deps.tenants.get(tenantId);
  return { campaign: { year: campaign.year, endsAt: campaign.endsAt, tenantName: tenant?.name ?? { kk: tenantId, ru: tenantId, en: tenantId } } };
}
