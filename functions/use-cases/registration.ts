import { randomUUID } from 'node:crypto';
import type { Actor, Application } from '#domain/application';
import { birthDateOf, checkNewApplication, type NewApplicationInput } from '#domain/application-rules';
import { birthYearCohort } from '#domain/age';
import { InvalidInputError, PhoneOnFileDiffersError } from '#domain/errors';
import { maskPhone } from '#domain/parent-phone';
import { addYears, kazakhstanDate } from '#domain/kazakhstan-time';
import { notificationForRegistration } from '#domain/notification';
import type { Dependencies } from '#ports/dependencies';
import { tenantPolicy } from './application-actions.ts';
import { requestPositions } from './queue-positions.ts';
import { offersPriority } from '#domain/settings';

/**
 * Staff register an application: the rules of `checkNewApplication`, one active application per
 * child and tenant (a guard written in the same transaction), the parent's cabinet account (made
 * if missing, so they can log in by IIN; one on file with another phone refuses the
 * registration), a history event and a notification, then positions.
 */
export async function registerApplication(
  deps: Pick<Dependencies, 'applications' | 'notifications' | 'unitOfWork' | 'tenants' | 'kindergartens' | 'accounts' | 'scheduler'>,
  input: NewApplicationInput & { tenantId: string; staff: Actor; now: Date },
): Promise<Application> {
  const today = kazakhstanDate(input.now);
  const kindergartens = await deps.kindergartens.getMany(input.kindergartenIds.map((kindergartenId) => ({ tenantId: input.tenantId, kindergartenId })));
  const problems = checkNewApplication(input, today, new Map(kindergartens.map((k) => [k.kindergartenId, k])));
  if (problems.length > 0) throw new InvalidInputError(problems);

  const policy = await tenantPolicy(deps, input.tenantId);
  // The department's settings say which priority categories it offers.
  if (!offersPriority(policy, input.priority)) throw new InvalidInputError([{ path: 'priority', key: 'priority_not_offered' }]);
  const at = input.now.toISOString();
  const application: Application = {
    applicationId: `app-${randomUUID()}`,
    tenantId: input.tenantId,
    applicantIin: input.applicantIin,
    childIin: input.childIin,
    childName: input.childName,
    birthDate: birthDateOf(input.childIin),
    registeredAt: at,
    priority: input.priority,
    preferredKindergartenIds: [...input.kindergartenIds],
    language: input.language,
    status: 'queued',
    validUntil: addYears(today, policy.extensionYears),
    history: [{ at, actor: input.staff, action: 'register', to: 'queued' }],
  };
  const account = await deps.accounts.ensureParent({ kind: 'parent', iin: input.applicantIin, phone: input.applicantPhone, displayName: input.applicantName });
  // The account is global by IIN and its phone receives every login code: a registration never
  // changes it (nor may it pass as if it had); only `changeApplicantPhone` does, audited.
  if (account.phone !== input.applicantPhone) throw new PhoneOnFileDiffersError(maskPhone(account.phone));
  await deps.unitOfWork.commit([...deps.applications.registration(application), deps.notifications.notice(notificationForRegistration(application, at))]);
  await requestPositions(deps, {
    tenantId: input.tenantId,
    birthYears: [birthYearCohort(application.birthDate)],
    changes: [{ kind: 'joined', applicationId: application.applicationId, reason: 'registered' }],
    at,
    reason: application.applicationId,
  });
  return application;
}
