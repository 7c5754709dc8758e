import type { Actor, Application } from '#domain/application';
import { planTransition } from '#domain/application-lifecycle';
import { campaignPolicy, isInScope } from '#domain/campaign';
import { ConcurrentChangeError } from '#domain/errors';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { atKazakhstanHour } from '#domain/sms';
import { campaignAnnouncements } from '#domain/announcement';
import { settingsOf } from '#domain/settings';
import type { Dependencies } from '#ports/dependencies';
import { unlimitedBudget, type JobBudget, type JobTask, type StartPart } from '#ports/scheduler';
import { forEachLimitedStream, inGroups } from '#functions/concurrency';
import { tenantPolicy } from './application-actions.ts';
import { cohortsOf, loadCampaign } from './campaign-commands.ts';
import { byApplicant, campaignNotification, stopNotice, withApplications } from './campaign-messages.ts';
import { deliverNoticeSms, withEmailDeliveries } from './notice-sms.ts';
import { requestPositions } from './queue-positions.ts';
import { scheduleNames } from './schedule-names.ts';
import { applyTransitions, type TransitionStores } from './unit-of-work.ts';

/* The campaign's jobs over a city's data: the start, the reminders and the close (each idempotent, resumable, chunked; decision 42). */

const system = (job: string): Actor => ({ role: 'system', id: job });

/** Queue entries read per chunk of the start job (one Query of the queue index). */
export const startPageSize = 250;

/** A task's own page size (`PagedTask`), for its continuation to keep. */
export const pagedAs = (task: { pageSize?: number }) => (task.pageSize === undefined ? {} : { pageSize: task.pageSize });

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
  /** Stops some applications in one transaction: each conditional on its version, one notice per parent, the counter moved by their number. */
  const stop = async (applications: readonly Application[]) => {
    const changes = applications.map((application) => ({ application, plan: planTransition(application, { kind: 'stop_cleanup', campaignId: task.campaignId }, system('campaign-close'), at) }));
    const byParent = new Map<string, typeof changes>();
    for (const change of changes) byParent.set(change.application.applicantIin, [...(byParent.get(change.application.applicantIin) ?? []), change]);
    const withEmail = await withEmailDeliveries(deps, [...byParent.values()].map((mine) => stopNotice(campaign, mine)));
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
