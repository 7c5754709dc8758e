import type { Application } from '#domain/application';
import { appliedTransition, type TransitionPlan } from '#domain/application-lifecycle';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { Notification } from '#domain/notification';
import type { Dependencies } from '#ports/dependencies';
import type { CampaignCounter, SharedNotice, SurveyWrite } from '#ports/stores';
import type { WriteIntent } from '#ports/unit-of-work';

/** What a change of applications writes, each part to the store that owns it. */
export interface TransitionWrite {
  readonly changes: readonly { readonly application: Application; readonly plan: TransitionPlan }[];
  readonly notices?: readonly Notification[];
  /** A campaign counter moved by the change (its shard spread by the survey's applicant, else the first application's). */
  readonly counter?: CampaignCounter | undefined;
  /** One notice per parent that grows with each application (e.g. all stopped by one close). */
  readonly sharedNotices?: readonly SharedNotice[];
  /** A survey answer and its counter moves, written with the confirmation it carries. */
  readonly survey?: SurveyWrite;
}

export type TransitionStores = Pick<Dependencies, 'applications' | 'kindergartens' | 'notifications' | 'campaigns' | 'surveys' | 'unitOfWork'>;

/**
 * Applies transitions of applications with everything they cause, in one unit of work: each
 * application's conditional update, the places taken or given back, the notices, the campaign
 * counter and the survey answer — each prepared by the store that owns its table, all committed
 * or none (at most ~30 applications: a transaction takes 100 items). The applications as the
 * transitions left them.
 */
export async function applyTransitions(deps: TransitionStores, write: TransitionWrite): Promise<Application[]> {
  const { changes } = write;
  const first = changes[0];
  const intents: WriteIntent[] = [
    ...deps.applications.transitions(changes),
    ...changes.flatMap(({ application, plan }) => (plan.place ? [deps.kindergartens.placeMove(application.tenantId, plan.place)] : [])),
    ...(write.notices ?? []).map((notice) => deps.notifications.notice(notice)),
    ...(write.sharedNotices ?? []).map((shared) => deps.notifications.sharedNotice(shared)),
    ...(write.survey ? [deps.surveys.answer(write.survey)] : []),
    ...(write.counter
      ? [deps.campaigns.counterMove(write.counter, write.survey?.applicantIin ?? first?.application.applicantIin ?? '', kazakhstanDate(first ? new Date(first.plan.event.at) : new Date()))]
      : []),
  ];
  await deps.unitOfWork.commit(intents);
  return changes.map(({ application, plan }) => appliedTransition(application, plan));
}
