import type { Actor, AgeGroup, Application, Kindergarten } from '#domain/application';
import { ageGroupOn } from '#domain/age';
import { NoFreePlaceError, NotFoundError } from '#domain/errors';
import { endOfKazakhstanDay, kazakhstanDate, startOfKazakhstanDay } from '#domain/kazakhstan-time';
import { workingCalendar } from '#domain/working-days';
import type { TransitionStores } from './unit-of-work.ts';
import type { Dependencies } from '#ports/dependencies';
import type { JobTask } from '#ports/scheduler';
import { actOnApplication, tenantPolicy } from './application-actions.ts';
import { scheduleNames } from './schedule-names.ts';

const calendar = workingCalendar();
const systemActor = (job: string): Actor => ({ role: 'system', id: job });

/**
 * Staff issue a referral to a kindergarten of their tenant with a free place in the child's age
 * group. It is valid until the end of the N-th working day (tenant policy); its expiry is
 * scheduled before the referral is written, so no referral can exist without one.
 */
export async function issueReferral(
  deps: TransitionStores & Pick<Dependencies, 'tenants' | 'scheduler'>,
  input: { applicationId: string; kindergartenId: string; staff: Actor; tenantId: string; now: Date },
): Promise<Application> {
  const kindergarten = await deps.kindergartens.get(input.tenantId, input.kindergartenId);
  if (!kindergarten) throw new NotFoundError(input.kindergartenId);
  const policy = await tenantPolicy(deps, input.tenantId);
  const expiresAt = endOfKazakhstanDay(calendar.addWorkingDays(kazakhstanDate(input.now), policy.referralValidityWorkingDays));
  const issuedAt = input.now.toISOString();
  return actOnApplication(deps, {
    applicationId: input.applicationId,
    action: { kind: 'refer', kindergartenId: input.kindergartenId, expiresAt },
    actor: input.staff,
    scope: { tenantId: input.tenantId },
    now: input.now,
    before: async (application) => {
      // A place the read already shows taken is refused before the schedule is made, so a refused
      // referral leaves nothing behind; the transaction's condition still decides a race.
      if (!hasFreePlace(kindergarten, ageGroupOn(application.birthDate, kazakhstanDate(input.now)))) throw new NoFreePlaceError('no free place');
      await deps.scheduler.scheduleOnce({
        name: scheduleNames.referralExpiry(input.applicationId, issuedAt),
        at: expiresAt,
        task: { kind: 'referral-expiry', applicationId: input.applicationId, issuedAt },
      });
    },
  });
}

/** As the place update's condition reads it: occupancy below capacity in the group (no occupancy, no place). */
function hasFreePlace(kindergarten: Kindergarten, group: AgeGroup): boolean {
  const taken = kindergarten.occupancy?.[group];
  return taken !== undefined && taken < kindergarten.capacity[group];
}

/**
 * The scheduled end of an unused referral: the application is stopped (`referral_expired`) and
 * its automatic return is scheduled for the start of the N-th working day after the expiry day.
 * A referral that was used, withdrawn or replaced meanwhile is left alone (the job is idempotent).
 */
export async function expireReferral(
  deps: TransitionStores & Pick<Dependencies, 'tenants' | 'scheduler'>,
  task: Extract<JobTask, { kind: 'referral-expiry' }>,
  now: Date,
): Promise<'expired' | 'nothing to do'> {
  const application = await deps.applications.get(task.applicationId);
  if (application?.status !== 'referred' || application.referral?.issuedAt !== task.issuedAt) return 'nothing to do';
  const policy = await tenantPolicy(deps, application.tenantId);
  const expiryDay = kazakhstanDate(new Date(application.referral.expiresAt));
  const autoRestoreAt = startOfKazakhstanDay(calendar.addWorkingDays(expiryDay, policy.referralStopWorkingDays));
  await actOnApplication(deps, {
    applicationId: application.applicationId,
    action: { kind: 'expire_referral', autoRestoreAt },
    actor: systemActor('referral-expiry'),
    scope: 'system',
    now,
    loaded: application,
    before: () =>
      deps.scheduler.scheduleOnce({
        name: scheduleNames.referralRestore(application.applicationId, autoRestoreAt),
        at: autoRestoreAt,
        task: { kind: 'referral-restore', applicationId: application.applicationId, autoRestoreAt },
      }),
  });
  return 'expired';
}

/** The scheduled return of a `referral_expired` stop, with its original registration date. */
export async function restoreAfterReferral(
  deps: TransitionStores & Pick<Dependencies, 'tenants' | 'scheduler'>,
  task: Extract<JobTask, { kind: 'referral-restore' }>,
  now: Date,
): Promise<'restored' | 'nothing to do'> {
  const application = await deps.applications.get(task.applicationId);
  if (application?.status !== 'stopped' || application.stopReason !== 'referral_expired' || application.autoRestoreAt !== task.autoRestoreAt) {
    return 'nothing to do';
  }
  await actOnApplication(deps, {
    applicationId: application.applicationId,
    action: { kind: 'restore_after_referral' },
    actor: systemActor('referral-restore'),
    scope: 'system',
    now,
    loaded: application,
  });
  return 'restored';
}
