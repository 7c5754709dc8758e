import { describe, expect, it } from 'vitest';
import type { Actor, Application, ApplicationStatus, StopReason } from '#domain/application';
import { actionRules, ActorNotAllowedError, planTransition, RestoresAutomaticallyError, TransitionNotAllowedError, type ApplicationAction } from '#domain/application-lifecycle';

const at = '2026-03-13T06:00:00.000Z';

const application = (status: ApplicationStatus, stopReason?: StopReason): Application => ({
  applicationId: 'app-1',
  tenantId: 'temirtau',
  applicantIin: '840708320028',
  childIin: '230128500017',
  childName: 'Иван',
  birthDate: '2023-01-28',
  registeredAt: '2023-03-07T16:25:22.763Z',
  priority: 'none',
  preferredKindergartenIds: ['kg-001'],
  language: 'ru',
  status,
  validUntil: '2026-10-01',
  ...(stopReason && { stopReason }),
  ...(status === 'referred' && { referral: { kindergartenId: 'kg-002', issuedAt: at, expiresAt: '2026-03-20T18:59:59.000Z' } }),
  ...(stopReason === 'referral_expired' && { autoRestoreAt: '2026-04-07T19:00:00.000Z' }),
});

const actions: ApplicationAction[] = [
  { kind: 'refer', kindergartenId: 'kg-002', expiresAt: '2026-03-20T18:59:59.000Z' },
  { kind: 'enroll' },
  { kind: 'withdraw' },
  { kind: 'expire_referral', autoRestoreAt: '2026-04-07T19:00:00.000Z' },
  { kind: 'restore_after_referral' },
  { kind: 'stop_cleanup', campaignId: 'c-2026' },
  { kind: 'restore_cleanup', validUntil: '2027-03-13' },
  { kind: 'change_kindergartens', kindergartenIds: ['kg-003'] },
  { kind: 'confirm', campaignId: 'c-2026', validUntil: '2027-03-13' },
];

const states: [ApplicationStatus, StopReason | undefined][] = [
  ['queued', undefined],
  ['referred', undefined],
  ['enrolled', undefined],
  ['stopped', 'cleanup'],
  ['stopped', 'referral_expired'],
  ['withdrawn', undefined],
];

const actors: Actor[] = [
  { role: 'parent', id: 'parent#840708320028' },
  { role: 'staff', id: 'staff#a' },
  { role: 'system', id: 'job' },
];

/** Which error a refusal must raise: wrong actor, wrong status, or a stop that returns by itself. */
function expectedRefusal(action: ApplicationAction, status: ApplicationStatus, stopReason: StopReason | undefined, actor: Actor) {
  const rule = actionRules[action.kind];
  if (!rule.by.includes(actor.role)) return action.kind === 'restore_after_referral' && actor.role === 'parent' ? RestoresAutomaticallyError : ActorNotAllowedError;
  if (!rule.from.includes(status)) return TransitionNotAllowedError;
  return action.kind === 'restore_cleanup' && stopReason === 'referral_expired' ? RestoresAutomaticallyError : TransitionNotAllowedError;
}

describe('the application state machine', () => {
  // Every action × status × actor: allowed exactly when the rule table says so.
  for (const action of actions) {
    for (const [status, stopReason] of states) {
      for (const actor of actors) {
        const rule = actionRules[action.kind];
        const allowed = rule.by.includes(actor.role) && rule.from.includes(status) && (!rule.fromStopReason || rule.fromStopReason === stopReason);
        it(`should ${allowed ? 'allow' : 'refuse'} ${action.kind} by ${actor.role} from ${status}${stopReason ? `(${stopReason})` : ''}`, () => {
          const act = () => planTransition(application(status, stopReason), action, actor, at);
          if (allowed) {
            const plan = act();
            expect(plan.from).toBe(status);
            expect(plan.event).toMatchObject({ at, actor, action: action.kind, from: status, to: plan.to });
          } else {
            expect(act).toThrow(expectedRefusal(action, status, stopReason, actor));
          }
        });
      }
    }
  }

  it('should tell a parent restoring a referral_expired stop when it comes back, as a Kazakhstan date', () => {
    // Act
    const act = () => planTransition(application('stopped', 'referral_expired'), { kind: 'restore_cleanup', validUntil: '2027-03-13' }, actors[0]!, at);
    // Assess: 2026-04-07T19:00Z is 00:00 on 8 April in Kazakhstan
    expect(act).toThrow(RestoresAutomaticallyError);
    try {
      act();
    } catch (error) {
      expect((error as RestoresAutomaticallyError).params()).toEqual({ date: '2026-04-08' });
    }
  });

  it('should refuse enrolling a queued application with a transition error', () => {
    expect(() => planTransition(application('queued'), { kind: 'enroll' }, actors[1]!, at)).toThrow(TransitionNotAllowedError);
  });

  it('should take a place with a referral and give it back when the referral expires or is withdrawn', () => {
    expect(planTransition(application('queued'), actions[0]!, actors[1]!, at).place).toEqual({ kindergartenId: 'kg-002', ageGroup: 'middle', delta: 1 });
    expect(planTransition(application('referred'), actions[3]!, actors[2]!, at).place).toEqual({ kindergartenId: 'kg-002', ageGroup: 'middle', delta: -1 });
    expect(planTransition(application('referred'), { kind: 'withdraw' }, actors[1]!, at).place).toEqual({ kindergartenId: 'kg-002', ageGroup: 'middle', delta: -1 });
    expect(planTransition(application('referred'), { kind: 'enroll' }, actors[1]!, at).place).toBeUndefined();
  });

  it('should record the place a referral takes and give back exactly that one after the child moved to the next age group', () => {
    // Prepare: a child who is 2 (junior) on Friday 13 March 2026 and turns 3 (middle) on Monday 16 March
    const child = { ...application('queued'), birthDate: '2023-03-16', childIin: '230316500011' };
    const afterBirthday = '2026-03-20T19:00:05.000Z';

    // Act
    const refer = planTransition(child, actions[0]!, actors[1]!, at);
    const referred = { ...child, status: 'referred' as const, referral: refer.set.referral! };
    const expiry = planTransition(referred, actions[3]!, actors[2]!, afterBirthday);
    const withdrawal = planTransition(referred, { kind: 'withdraw' }, actors[1]!, afterBirthday);

    // Assess
    expect(refer.set.referral).toEqual({ kindergartenId: 'kg-002', issuedAt: at, expiresAt: '2026-03-20T18:59:59.000Z', ageGroup: 'junior' });
    expect(refer.place).toEqual({ kindergartenId: 'kg-002', ageGroup: 'junior', delta: 1 });
    expect(expiry.place).toEqual({ kindergartenId: 'kg-002', ageGroup: 'junior', delta: -1 });
    expect(withdrawal.place).toEqual({ kindergartenId: 'kg-002', ageGroup: 'junior', delta: -1 });
  });

  it('should give back the age group of the issue day for a referral issued before the place was recorded', () => {
    // Prepare: the same child, referred on 13 March 2026 (junior) by a version that kept no age group
    const referred: Application = {
      ...application('referred'),
      birthDate: '2023-03-16',
      childIin: '230316500011',
      referral: { kindergartenId: 'kg-002', issuedAt: '2026-03-13T18:30:00.000Z', expiresAt: '2026-03-20T18:59:59.000Z' },
    };
    // Act: the expiry after the birthday
    const expiry = planTransition(referred, actions[3]!, actors[2]!, '2026-03-20T19:00:05.000Z');
    // Assess: 23:30 on 13 March in Kazakhstan, the child was still 2
    expect(expiry.place).toEqual({ kindergartenId: 'kg-002', ageGroup: 'junior', delta: -1 });
  });

  it('should keep the original registration date when an application returns to the queue', () => {
    const restored = planTransition(application('stopped', 'cleanup'), actions[6]!, actors[0]!, at);
    expect(restored.set).not.toHaveProperty('registeredAt');
    expect(restored.set).toEqual({ status: 'queued', validUntil: '2027-03-13' });
    expect(restored.remove).toEqual(['stopReason']);
    expect(restored.queue).toBe('joins');
  });

  it('should release the child only when the application leaves for good', () => {
    expect(planTransition(application('referred'), { kind: 'enroll' }, actors[1]!, at).releasesChild).toBe(true);
    expect(planTransition(application('queued'), { kind: 'withdraw' }, actors[0]!, at).releasesChild).toBe(true);
    expect(planTransition(application('queued'), actions[5]!, actors[2]!, at).releasesChild).toBe(false);
  });
});
