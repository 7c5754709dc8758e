import { describe, expect, it } from 'vitest';
import { actionRules } from '#domain/application-lifecycle';
import { routes } from '#http/routes';

/**
 * The rule tables that decide who may do what, written out by hand. Tests elsewhere walk these
 * tables; this one makes a change to them a deliberate, reviewed edit of two places.
 */
describe('the pinned rule tables', () => {
  it('should keep the application state machine as the product describes it', () => {
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

  it('should open only these routes to anonymous callers', () => {
    const publicRoutes = routes.filter((route) => route.access === 'public').map((route) => `${route.method} ${route.path}`);
    expect(publicRoutes.sort()).toEqual(
      [
        'GET /api/health',
        'GET /api/openapi.json',
        'GET /api/public/campaign',
        'GET /api/public/site',
        'POST /api/auth/parent/code',
        'POST /api/auth/parent/session',
        'POST /api/auth/staff/session',
        'POST /api/auth/staff/password',
        'POST /api/auth/staff/enrolment',
      ].sort(),
    );
  });
});
