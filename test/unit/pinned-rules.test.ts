import { describe, expect, it } from 'vitest';
import { actionRules } from '#domain/application-lifecycle';
import { routes } from '#http/routes';

/**
 * The rules other tests derive their cases from, written down here by hand: a change to the state
 * machine or to what is public must change this file too, on purpose (issue 15, item 9).
 */
describe('the rules, pinned', () => {
  it('should keep the state machine of applications as written', () => {
    expect(actionRules).toEqual({
      refer: { from: ['queued'], by: ['staff'] },
      enroll: { from: ['referred'], by: ['staff'] },
      withdraw: { from: ['queued', 'referred', 'stopped'], by: ['parent', 'staff'] },
      expire_referral: { from: ['referred'], by: ['system'] },
      restore_after_referral: { from: ['stopped'], fromStopReason: 'referral_expired', by: ['system'] },
      stop_cleanup: { from: ['queued'], by: ['system'] },
      restore_cleanup: { from: ['stopped'], fromStopReason: 'cleanup', by: ['parent', 'staff'] },
      change_kindergartens: { from: ['queued', 'stopped'], by: ['parent', 'staff'] },
      confirm: { from: ['queued'], by: ['parent'] },
    });
  });

  it('should keep exactly these routes public (no session)', () => {
    const open = routes.filter((route) => route.access === 'public').map((route) => `${route.method} ${route.path}`);
    expect(open.sort()).toEqual([
      'GET /api/health',
      'GET /api/openapi.json',
      'GET /api/public/campaign',
      'GET /api/public/site',
      'POST /api/auth/parent/code',
      'POST /api/auth/parent/session',
      'POST /api/auth/staff/enrolment',
      'POST /api/auth/staff/password',
      'POST /api/auth/staff/session',
    ]);
  });
});
