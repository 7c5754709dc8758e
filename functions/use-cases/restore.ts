import type { Actor, Application } from '#domain/application';
import { addYears, kazakhstanDate } from '#domain/kazakhstan-time';
import type { TransitionStores } from './unit-of-work.ts';
import type { Dependencies } from '#ports/dependencies';
import { actOnApplication, loadApplication, tenantPolicy, type Scope } from './application-actions.ts';

/**
 * A parent brings back an application stopped by a confirmation campaign (SPEC rule 9), or staff
 * do it for a parent who came in person: queued again with its original registration date, valid
 * for the policy's extension from today. A `referral_expired` stop is refused with the date it
 * returns by itself (rule 10). The parent is notified either way (a notice of the transition).
 */
export async function restoreFromStopList(
  deps: TransitionStores & Pick<Dependencies, 'tenants' | 'scheduler'>,
  input: { applicationId: string; scope: Exclude<Scope, 'system'>; actor: Actor; now: Date },
): Promise<Application> {
  const application = await loadApplication(deps, input.applicationId, input.scope);
  const policy = await tenantPolicy(deps, application.tenantId);
  return actOnApplication(deps, {
    applicationId: input.applicationId,
    action: { kind: 'restore_cleanup', validUntil: addYears(kazakhstanDate(input.now), policy.extensionYears) },
    actor: input.actor,
    scope: input.scope,
    now: input.now,
    loaded: application,
  });
}
