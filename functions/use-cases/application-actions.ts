import type { Actor, Application } from '#domain/application';
import { planTransition, type ApplicationAction, type TransitionPlan } from '#domain/application-lifecycle';
import { birthYearCohort } from '#domain/age';
import { NotFoundError } from '#domain/errors';
import { notificationForTransition } from '#domain/notification';
import { policyOf, type TenantPolicy } from '#domain/policy';
import type { LeaveReason, QueueChange } from '#domain/queue-order';
import type { Dependencies } from '#ports/dependencies';
import type { CampaignCounter } from '#ports/stores';
import { hasSms, holdNoticeSms, withEmailDeliveries } from './notice-sms.ts';
import { requestPositions } from './queue-positions.ts';
import { applyTransitions, type TransitionStores } from './unit-of-work.ts';

/** Whose applications the caller may act on: one tenant (staff), one applicant (parent), or any (jobs). */
export type Scope = { readonly tenantId: string } | { readonly applicantIin: string } | 'system';

function inScope(application: Application, scope: Scope): boolean {
  if (scope === 'system') return true;
  if ('tenantId' in scope) return application.tenantId === scope.tenantId;
  return application.applicantIin === scope.applicantIin;
}

/** Loads an application the caller may see; one outside their scope is "not found", not "forbidden". */
export async function loadApplication(deps: Pick<Dependencies, 'applications'>, applicationId: string, scope: Scope): Promise<Application> {
  const application = await deps.applications.get(applicationId);
  if (!application || !inScope(application, scope)) throw new NotFoundError(applicationId);
  return application;
}

export async function tenantPolicy(deps: Pick<Dependencies, 'tenants'>, tenantId: string): Promise<TenantPolicy> {
  return policyOf((await deps.tenants.get(tenantId))?.policy);
}

/**
 * Why an application leaves the queue, for the positions job's explanations: every action that
 * can take a queued application out has its reason, the others `null`. Exhaustive: a new action
 * fails `tsc` here, rather than leaving under a reason that is not its own.
 */
const leaveReasons = {
  refer: 'referred',
  withdraw: 'withdrawn',
  stop_cleanup: 'stopped',
  enroll: null,
  expire_referral: null,
  restore_after_referral: null,
  restore_cleanup: null,
  change_kindergartens: null,
  confirm: null,
} as const satisfies Record<TransitionPlan['action'], LeaveReason | null>;

function queueChange(application: Application, plan: TransitionPlan): QueueChange | undefined {
  if (plan.queue === 'joins') return { kind: 'joined', applicationId: application.applicationId, reason: 'restored' };
  if (plan.queue === 'leaves' && application.position !== undefined) {
    const reason = leaveReasons[plan.action];
    if (!reason) throw new Error(`${plan.action} takes an application out of the queue without a leave reason`);
    return { kind: 'left', applicationId: application.applicationId, reason, previousPosition: application.position };
  }
  return undefined;
}

/** A restore from the stop-list counts for the campaign whose close stopped the application. */
function restoredCounter(application: Application, plan: TransitionPlan): CampaignCounter | undefined {
  if (plan.action !== 'restore_cleanup') return undefined;
  const stop = (application.history ?? []).findLast((event) => event.action === 'stop_cleanup');
  const campaignId = stop?.details?.campaignId;
  return typeof campaignId === 'string' ? { tenantId: application.tenantId, campaignId, field: 'restored', delta: 1 } : undefined;
}

/**
 * Takes one action on one application: check scope and the state machine, write the change with
 * its history event and the parent's notification in one transaction, then bring the cohort's
 * positions up to date. Every caller (staff routes, parent routes, scheduled jobs) goes through
 * here, so no path can skip the history or the notice.
 */
export async function actOnApplication(
  // `accounts` (the e-mail beside an SMS): every handler's dependencies have it; a test's stores may not.
  deps: TransitionStores & Pick<Dependencies, 'tenants' | 'scheduler'> & Partial<Pick<Dependencies, 'accounts'>>,
  request: {
    applicationId: string;
    action: ApplicationAction;
    actor: Actor;
    scope: Scope;
    now: Date;
    before?: (application: Application, plan: TransitionPlan) => Promise<void>;
    /** Already read by the caller (saves a read); its version guards the write all the same. */
    loaded?: Application;
  },
): Promise<Application> {
  const application = request.loaded ?? (await loadApplication(deps, request.applicationId, request.scope));
  if (!inScope(application, request.scope)) throw new NotFoundError(request.applicationId);
  const at = request.now.toISOString();
  const plan = planTransition(application, request.action, request.actor, at);
  // Side effects that must exist before the change can be seen (e.g. the referral's expiry
  // schedule) run first; they are idempotent and harmless if the transition then fails.
  await request.before?.(application, plan);
  const written = notificationForTransition(application, plan);
  // A notice that reaches the phone reaches a verified e-mail too, queued in the same transaction (decision 59).
  const notice = hasSms(written) ? (await withEmailDeliveries(deps, [written]))[0]! : written;
  const [updated] = await applyTransitions(deps, { changes: [{ application, plan }], notices: [notice], counter: restoredCounter(application, plan) });
  // Changes that matter (a referral, its expiry, the return) reach the phone too, in daytime.
  await holdNoticeSms(deps, { notice, application }, request.now);
  const change = queueChange(application, plan);
  // Moving a cohort's positions can touch thousands of items: a job does it, not the request.
  if (change) {
    await requestPositions(deps, {
      tenantId: application.tenantId,
      birthYears: [birthYearCohort(application.birthDate)],
      changes: [change],
      at,
      reason: application.applicationId,
    });
  }
  return updated!;
}
