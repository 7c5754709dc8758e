import { describe, expect, it } from 'vitest';
import { activeAdminDelta, staffChangeActions, standingAfter } from '#domain/staff';
import { actionsOf, routes } from '#http/routes';

/**
 * Who may call which route, written out by hand (SPEC "Departments, staff and roles"): `admin`
 * everything, `operator` the department's daily work, `analyst` the dashboard and exports, read
 * only. A change to the route table's `access` is a deliberate, reviewed edit of two places.
 */
const p = 'parent';
const everyStaff = 'admin operator analyst';
const operators = 'admin operator';
const admins = 'admin';
const whoMayCall: Record<string, string> = {
  'POST /api/auth/logout': `${p} ${everyStaff}`,
  'GET /api/me': `${p} ${everyStaff}`,
  'GET /api/cabinet/applications': p,
  'POST /api/cabinet/applications/{applicationId}/restore': p,
  'POST /api/cabinet/applications/{applicationId}/withdrawal': p,
  'GET /api/cabinet/survey': p,
  'POST /api/cabinet/survey': p,
  'GET /api/cabinet/notifications': p,
  'POST /api/cabinet/notifications/read': p,
  'GET /api/cabinet/contacts': p,
  'PUT /api/cabinet/contacts': p,
  'GET /api/staff/unreachable-parents': operators,
  'GET /api/staff/kindergartens': everyStaff,
  'POST /api/staff/kindergartens': operators,
  'GET /api/staff/kindergartens/{kindergartenId}': operators,
  'PUT /api/staff/kindergartens/{kindergartenId}': operators,
  'GET /api/staff/districts': everyStaff,
  'POST /api/staff/applications': operators,
  'GET /api/staff/applications': operators,
  'GET /api/staff/applications/{applicationId}': operators,
  'GET /api/staff/audit-events': admins,
  'GET /api/staff/audit-events/export': admins,
  'PUT /api/staff/applications/{applicationId}/applicant-phone': operators,
  'GET /api/staff/queue': operators,
  'PUT /api/staff/applications/{applicationId}/kindergartens': operators,
  'POST /api/staff/applications/{applicationId}/referral': operators,
  'POST /api/staff/applications/{applicationId}/enrollment': operators,
  'POST /api/staff/applications/{applicationId}/restore': operators,
  'POST /api/staff/applications/{applicationId}/withdrawal': operators,
  'POST /api/staff/imports/{kind}/check': operators,
  'POST /api/staff/imports/{kind}/rows': operators,
  'POST /api/staff/queue/positions': operators,
  'GET /api/staff/campaigns': everyStaff,
  'POST /api/staff/campaigns': operators,
  'GET /api/staff/campaigns/{campaignId}': everyStaff,
  'GET /api/staff/campaigns/{campaignId}/preview': operators,
  'POST /api/staff/campaigns/{campaignId}/preview': operators,
  'POST /api/staff/campaigns/{campaignId}/start': operators,
  'POST /api/staff/campaigns/{campaignId}/cancel': operators,
  'GET /api/staff/campaigns/{campaignId}/dashboard': everyStaff,
  'POST /api/staff/campaigns/{campaignId}/exports': everyStaff,
  'GET /api/staff/campaigns/{campaignId}/exports/{exportId}': everyStaff,
  'GET /api/staff/accounts': admins,
  'POST /api/staff/accounts': admins,
  'POST /api/staff/accounts/{login}': admins,
  'POST /api/staff/accounts/{login}/password-reset': admins,
  'POST /api/staff/accounts/{login}/second-factor-reset': admins,
  'GET /api/staff/second-factor': everyStaff,
  'GET /api/staff/settings': admins,
  'PUT /api/staff/settings': admins,
};

describe('the pinned role table', () => {
  it('should let each role call exactly the routes the product gives it', () => {
    // Prepare
    const fromTable = Object.fromEntries(routes.filter((r) => r.access !== 'public').map((r) => [`${r.method} ${r.path}`, [...r.access].sort().join(' ')]));
    // Assess
    expect(fromTable).toEqual(Object.fromEntries(Object.entries(whoMayCall).map(([route, roles]) => [route, roles.split(' ').sort().join(' ')])));
  });

  it('should tell an analyst only the read-only staff actions', () => {
    // Act
    const actions = actionsOf('analyst');
    // Assess
    expect(actions.sort()).toEqual(
      ['logout', 'me', 'staff-campaign-dashboard', 'staff-campaigns', 'staff-create-export', 'staff-districts', 'staff-get-campaign', 'staff-get-export', 'staff-kindergartens', 'staff-second-factor'].sort(),
    );
  });

  it('should tell an operator no staff-account action and an admin all five', () => {
    // Act
    const isAccountAction = (a: string) => a.includes('account') || a.startsWith('staff-reset-');
    const operator = actionsOf('operator').filter(isAccountAction);
    const admin = actionsOf('admin').filter(isAccountAction);
    // Assess
    expect(operator).toEqual([]);
    expect(admin.sort()).toEqual(['staff-accounts', 'staff-create-account', 'staff-reset-password', 'staff-reset-second-factor', 'staff-update-account']);
  });
});

describe('the count of active administrators', () => {
  it('should fall by one when an active admin is disabled or demoted, and only then', () => {
    // Prepare
    const admin = { role: 'admin', status: 'active' } as const;
    // Act / Assess
    expect(activeAdminDelta(admin, standingAfter(admin, { active: false }))).toBe(-1);
    expect(activeAdminDelta(admin, standingAfter(admin, { role: 'operator' }))).toBe(-1);
    expect(activeAdminDelta(admin, standingAfter(admin, { role: 'admin', active: true }))).toBe(0);
    expect(activeAdminDelta({ role: 'admin', status: 'disabled' }, { role: 'operator', status: 'disabled' })).toBe(0);
  });

  it('should rise by one when a disabled admin is enabled or an active operator promoted', () => {
    expect(activeAdminDelta({ role: 'admin', status: 'disabled' }, { role: 'admin', status: 'active' })).toBe(1);
    expect(activeAdminDelta({ role: 'operator', status: 'active' }, { role: 'admin', status: 'active' })).toBe(1);
    expect(activeAdminDelta({ role: 'operator', status: 'disabled' }, { role: 'admin', status: 'disabled' })).toBe(0);
  });

  it('should record a role change and a state change as two events, and no change as none', () => {
    expect(staffChangeActions({ role: 'operator', status: 'active' }, { role: 'analyst', status: 'disabled' })).toEqual([
      { action: 'role_changed', from: 'operator', to: 'analyst' },
      { action: 'disabled' },
    ]);
    expect(staffChangeActions({ role: 'operator', status: 'active' }, { role: 'operator', status: 'active' })).toEqual([]);
  });
});
