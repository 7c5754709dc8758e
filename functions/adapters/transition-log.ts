import type { Application } from '#domain/application';
import type { TransitionPlan } from '#domain/application-lifecycle';
import type { ApplicationStore } from '#ports/stores';
import { overriding } from './decorate.ts';
import { logger } from './logger.ts';
import { countTransition } from './metrics.ts';

/**
 * What "why was this application stopped" needs from one applied transition: ids, codes and the
 * actor's role. Never an IIN, a name, a phone, a staff login or a free-text reason.
 */
export function transitionLogFields(application: Application, plan: TransitionPlan): Record<string, string> {
  const campaignId = plan.event.details?.campaignId;
  const actor = plan.event.actor;
  return {
    applicationId: application.applicationId,
    tenantId: application.tenantId,
    action: plan.action,
    from: plan.from,
    to: plan.to,
    ...(plan.event.stopReason && { stopReason: plan.event.stopReason }),
    ...(plan.from === 'stopped' && application.stopReason && { fromStopReason: application.stopReason }),
    ...(typeof campaignId === 'string' && { campaignId }),
    actorRole: actor.role,
    // A system actor's id is the job's name; a person's id may contain their login.
    ...(actor.role === 'system' && { actorJob: actor.id }),
  };
}

function logTransition(application: Application, plan: TransitionPlan): void {
  logger.info('application transition', transitionLogFields(application, plan));
  countTransition(plan.action);
}

/**
 * The application store with one structured log line and one `ApplicationTransition` count per
 * transition committed. Every transition is prepared by `transitions`, so this is the one place
 * they are all seen; each is logged when its unit of work commits, never when it is refused.
 */
export function withTransitionLog(store: ApplicationStore): ApplicationStore {
  return overriding(store, {
    transitions(changes: Parameters<ApplicationStore['transitions']>[0]) {
      return store.transitions(changes).map((intent, index) => ({
        ...intent,
        afterCommit: () => {
          intent.afterCommit?.();
          logTransition(changes[index]!.application, changes[index]!.plan);
        },
      }));
    },
  });
}
