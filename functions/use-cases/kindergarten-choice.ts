import type { Actor, Application } from '#domain/application';
import { checkNewApplication } from '#domain/application-rules';
import { InvalidInputError } from '#domain/errors';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import type { TransitionStores } from './unit-of-work.ts';
import type { Dependencies } from '#ports/dependencies';
import { actOnApplication, loadApplication, type Scope } from './application-actions.ts';

/** New kindergarten choices: 1 to 3 distinct kindergartens of the tenant teaching in the application's language. */
export async function changeKindergartens(
  deps: TransitionStores & Pick<Dependencies, 'tenants' | 'scheduler'>,
  input: { applicationId: string; kindergartenIds: readonly string[]; actor: Actor; scope: Scope; now: Date },
): Promise<Application> {
  const application = await loadApplication(deps, input.applicationId, input.scope);
  const kindergartens = await deps.kindergartens.getMany(input.kindergartenIds.map((kindergartenId) => ({ tenantId: application.tenantId, kindergartenId })));
  const problems = checkNewApplication(
    { ...application, applicantPhone: '+70000000000', applicantName: '-', kindergartenIds: input.kindergartenIds },
    kazakhstanDate(input.now),
    new Map(kindergartens.map((k) => [k.kindergartenId, k])),
  ).filter((problem) => problem.path.startsWith('kindergartenIds'));
  if (problems.length > 0) throw new InvalidInputError(problems);
  return actOnApplication(deps, {
    applicationId: input.applicationId,
    action: { kind: 'change_kindergartens', kindergartenIds: input.kindergartenIds },
    actor: input.actor,
    scope: input.scope,
    now: input.now,
    loaded: application,
  });
}
