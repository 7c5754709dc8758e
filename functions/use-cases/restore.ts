import type { Actor, Application } from '#domain/application';
import { addYears, kazakhstanDate } from '#domain/kazakhstan-time';
import type { Dependencies } from '#ports/dependencies';
import { actOnApplication, loadApplication, tenantPolicy } from './application-actions.ts';

/**
 * A parent brings back an application stopped by a confirmation campaign (SPEC rule 9): queued
 * again with its original registration date, valid for the policy's extension from today. A
 * `referral_expired` stop is refused with the date it returns by itself (rule 10).
 */
export async function restoreFromStopList(
  deps: Pick<Dependencies, 'applications' | 'tenants' | 'scheduler'>,
  input: { applicationId: string; applicantIin: string; actor: Actor; now: Date },
): Promise<Application> {
  const application = await loadApplication(deps, input.applicationId, { applicantIin: input.applicantIin });
  const policy = await tenantPolicy(deps, application.tenantId);
  return actOnApplication(deps, {
    applicationId: input.applicationId,
    action: { kind: 'restore_cleanup', validUntil: addYears(kazakhstanDate(input.now), policy.extensionYears) },
    actor: input.actor,
    scope: { applicantIin: input.applicantIin },
    now: input.now,
    loaded: application,
  });
}
