import { ageGroupOn } from './age.ts';
import type { Actor, AgeGroup, Application, ApplicationStatus, HistoryAction, HistoryEvent, Referral, StopReason } from './application.ts';
import { DomainError } from './errors.ts';
import { kazakhstanDate } from './kazakhstan-time.ts';

/**
 * The application state machine (SPEC "Words", rules 9–10). Each action names the statuses it
 * may start from and who may take it; `planTransition` checks both and returns what storage must
 * write, as one conditional write together with a history event and a notification.
 */

export type ApplicationAction =
  | { readonly kind: 'refer'; readonly kindergartenId: string; readonly expiresAt: string }
  | { readonly kind: 'enroll' }
  | { readonly kind: 'withdraw'; readonly reason?: string }
  | { readonly kind: 'expire_referral'; readonly autoRestoreAt: string }
  | { readonly kind: 'restore_after_referral' }
  | { readonly kind: 'stop_cleanup'; readonly campaignId: string }
  | { readonly kind: 'restore_cleanup'; readonly validUntil: string }
  | { readonly kind: 'change_kindergartens'; readonly kindergartenIds: readonly string[] }
  | { readonly kind: 'confirm'; readonly campaignId: string; readonly validUntil: string };

export type ActionKind = ApplicationAction['kind'];

interface ActionRule {
  readonly from: readonly ApplicationStatus[];
  /** Only for `stopped`: the stop reason the action applies to. */
  readonly fromStopReason?: StopReason;
  readonly by: readonly Actor['role'][];
}

/** Who may take each action, and from where. Everything not listed here is refused. */
export const actionRules: Readonly<Record<ActionKind, ActionRule>> = {
  refer: { from: ['queued'], by: ['staff'] },
  enroll: { from: ['referred'], by: ['staff'] },
  withdraw: { from: ['queued', 'referred', 'stopped'], by: ['parent', 'staff'] },
  expire_referral: { from: ['referred'], by: ['system'] },
  restore_after_referral: { from: ['stopped'], fromStopReason: 'referral_expired', by: ['system'] },
  stop_cleanup: { from: ['queued'], by: ['system'] },
  restore_cleanup: { from: ['stopped'], fromStopReason: 'cleanup', by: ['parent', 'staff'] },
  change_kindergartens: { from: ['queued', 'stopped'], by: ['parent', 'staff'] },
  confirm: { from: ['queued'], by: ['parent'] },
};

/** What a parent may do with an application (the cabinet's buttons). */
/** Every action is recorded in the history under its own name (`tsc` fails if one is missing from `historyActions`). */
export const recordedActions: readonly HistoryAction[] = Object.keys(actionRules) as ActionKind[];

export const parentActions = ['restore', 'withdraw'] as const;
export type ParentAction = (typeof parentActions)[number];
/** What staff may do with an application (the console's forms); a role may still be refused by the route table. */
export const staffActions = ['refer', 'enroll', 'withdraw', 'change_kindergartens', 'restore'] as const;
export type StaffAction = (typeof staffActions)[number];

/** The actions `role` may take on the application as it stands, by the rules above (the API says these to every page). */
export function actionsOpenTo(application: Pick<Application, 'status' | 'stopReason'>, role: Actor['role']): ActionKind[] {
  return (Object.keys(actionRules) as ActionKind[]).filter((kind) => {
    const rule = actionRules[kind];
    return rule.by.includes(role) && rule.from.includes(application.status) && (!rule.fromStopReason || rule.fromStopReason === application.stopReason);
  });
}

/** The action is not allowed from the application's current status (or stop reason). */
export class TransitionNotAllowedError extends DomainError {
  readonly code = 'transition_not_allowed';
  constructor(
    readonly action: ActionKind,
    readonly status: ApplicationStatus,
  ) {
    super(`${action} is not allowed from ${status}`);
  }
}

/** This actor may not take this action (e.g. a parent issuing a referral). */
export class ActorNotAllowedError extends DomainError {
  readonly code = 'forbidden';
}

/** A parent tried to restore a `referral_expired` stop, which returns by itself. */
export class RestoresAutomaticallyError extends DomainError {
  readonly code = 'restores_automatically';
  constructor(readonly autoRestoreAt: string | undefined) {
    super('returns to the queue automatically');
  }

  /** The Kazakhstan calendar day it comes back (the instant is 00:00 UTC+5 of that day). */
  override params(): Readonly<Record<string, string>> {
    return this.autoRestoreAt ? { date: kazakhstanDate(new Date(this.autoRestoreAt)) } : {};
  }
}

/** What a transition changes: fields to set and to remove, the event, and its side effects. */
export interface TransitionPlan {
  readonly action: ActionKind;
  readonly from: ApplicationStatus;
  readonly to: ApplicationStatus;
  readonly set: Partial<Pick<Application, 'status' | 'stopReason' | 'referral' | 'autoRestoreAt' | 'validUntil' | 'preferredKindergartenIds' | 'pendingCampaign'>>;
  readonly remove: readonly ('stopReason' | 'referral' | 'autoRestoreAt' | 'pendingCampaign')[];
  readonly event: HistoryEvent;
  /** Whether the application joins or leaves its cohort's queue (positions must be recomputed). */
  readonly queue: 'joins' | 'leaves' | 'stays' | 'outside';
  /** A place at a kindergarten, in an age group, taken (+1) or given back (−1) by this transition. */
  readonly place?: { readonly kindergartenId: string; readonly ageGroup: AgeGroup; readonly delta: 1 | -1 };
  /** The child may apply again: the one-active-application guard is released. */
  readonly releasesChild: boolean;
}

/** The application as a committed transition leaves it: the plan's fields set and removed, one version and one history event more. */
export function appliedTransition(application: Application, plan: TransitionPlan): Application {
  const updated: Record<string, unknown> = {
    ...application,
    ...plan.set,
    version: (application.version ?? 0) + 1,
    history: [...(application.history ?? []), plan.event],
  };
  for (const field of plan.remove) delete updated[field];
  if (plan.queue === 'leaves') {
    delete updated.position;
    delete updated.placeChances;
  }
  return updated as unknown as Application;
}

function queueEffect(from: ApplicationStatus, to: ApplicationStatus): TransitionPlan['queue'] {
  if (from === 'queued' && to === 'queued') return 'stays';
  if (to === 'queued') return 'joins';
  if (from === 'queued') return 'leaves';
  return 'outside';
}

/**
 * The place a referral took: recorded on it; on a referral from before that record, the child's
 * age group on the Kazakhstan day it was issued, which is where the issue took it.
 */
function placeTakenBy(application: Application, referral: Referral): { kindergartenId: string; ageGroup: AgeGroup } {
  return { kindergartenId: referral.kindergartenId, ageGroup: referral.ageGroup ?? ageGroupOn(application.birthDate, kazakhstanDate(new Date(referral.issuedAt))) };
}

/**
 * Checks an action against the state machine and returns the plan storage carries out.
 * Pure: the time and the actor are passed in.
 */
export function planTransition(application: Application, action: ApplicationAction, actor: Actor, at: string): TransitionPlan {
  const rule = actionRules[action.kind];
  if (!rule.by.includes(actor.role)) {
    if (action.kind === 'restore_after_referral' && actor.role === 'parent') throw new RestoresAutomaticallyError(application.autoRestoreAt);
    throw new ActorNotAllowedError(`${actor.role} may not ${action.kind}`);
  }
  const from = application.status;
  if (!rule.from.includes(from)) throw new TransitionNotAllowedError(action.kind, from);
  if (rule.fromStopReason && application.stopReason !== rule.fromStopReason) {
    // The parent's restore button on a referral_expired stop: say when it comes back instead.
    if (action.kind === 'restore_cleanup' && application.stopReason === 'referral_expired') {
      throw new RestoresAutomaticallyError(application.autoRestoreAt);
    }
    throw new TransitionNotAllowedError(action.kind, from);
  }

  const base = { action: action.kind, from, releasesChild: false } as const;
  const event = (to: ApplicationStatus, extra: Partial<HistoryEvent> = {}): HistoryEvent => ({ at, actor, action: action.kind, from, to, ...extra });
  const plan = (to: ApplicationStatus, rest: Omit<TransitionPlan, 'action' | 'from' | 'to' | 'queue' | 'releasesChild' | 'event'> & { event?: Partial<HistoryEvent>; releasesChild?: boolean }): TransitionPlan => {
    const { event: eventExtra, ...fields } = rest;
    return { ...base, ...fields, to, queue: queueEffect(from, to), event: event(to, eventExtra) };
  };

  switch (action.kind) {
    case 'refer': {
      // The place is taken in the child's age group of today and recorded, so exactly it is given back.
      const ageGroup = ageGroupOn(application.birthDate, kazakhstanDate(new Date(at)));
      const referral: Referral = { kindergartenId: action.kindergartenId, issuedAt: at, expiresAt: action.expiresAt, ageGroup };
      // A referral answers the question a campaign asks: the application leaves its pending list.
      return plan('referred', {
        set: { status: 'referred', referral },
        remove: ['pendingCampaign'],
        place: { kindergartenId: action.kindergartenId, ageGroup, delta: 1 },
        event: { details: { kindergartenId: action.kindergartenId, expiresAt: action.expiresAt } },
      });
    }
    case 'enroll':
      return plan('enrolled', {
        set: { status: 'enrolled' },
        remove: [],
        releasesChild: true,
        event: { details: { kindergartenId: application.referral?.kindergartenId ?? '' } },
      });
    case 'withdraw':
      return plan('withdrawn', {
        set: { status: 'withdrawn' },
        remove: ['autoRestoreAt', 'pendingCampaign'],
        releasesChild: true,
        ...(from === 'referred' && application.referral && { place: { ...placeTakenBy(application, application.referral), delta: -1 as const } }),
        event: action.reason ? { details: { reason: action.reason } } : {},
      });
    case 'expire_referral':
      return plan('stopped', {
        set: { status: 'stopped', stopReason: 'referral_expired', autoRestoreAt: action.autoRestoreAt },
        remove: [],
        place: { ...placeTakenBy(application, application.referral!), delta: -1 },
        event: { stopReason: 'referral_expired', details: { kindergartenId: application.referral!.kindergartenId, autoRestoreAt: action.autoRestoreAt } },
      });
    case 'restore_after_referral':
      return plan('queued', { set: { status: 'queued' }, remove: ['stopReason', 'referral', 'autoRestoreAt'] });
    case 'stop_cleanup':
      return plan('stopped', {
        set: { status: 'stopped', stopReason: 'cleanup' },
        remove: ['pendingCampaign'],
        event: { stopReason: 'cleanup', details: { campaignId: action.campaignId } },
      });
    case 'restore_cleanup':
      return plan('queued', {
        set: { status: 'queued', validUntil: action.validUntil },
        remove: ['stopReason'],
        event: { details: { validUntil: action.validUntil } },
      });
    case 'confirm':
      return plan('queued', {
        set: { validUntil: action.validUntil },
        remove: ['pendingCampaign'],
        event: { details: { campaignId: action.campaignId, validUntil: action.validUntil } },
      });
    case 'change_kindergartens':
      return plan(from, {
        set: { preferredKindergartenIds: [...action.kindergartenIds] },
        remove: [],
        event: { details: { kindergartenIds: [...action.kindergartenIds] } },
      });
  }
}
