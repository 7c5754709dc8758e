import { describe, expect, it } from 'vitest';
import { auditActions, auditRecordOf, grantsOf } from '#http/audit-actions';
import { routeFor, routes, type RouteDefinition } from '#http/routes';

/** Staff routes that read no personal data and change nothing, written out by hand. */
const notAudited = [
  'staff-kindergartens',
  'staff-get-kindergarten',
  'staff-districts',
  'staff-campaigns',
  'staff-get-campaign',
  'staff-preview-campaign',
  'staff-campaign-dashboard',
  'staff-get-export',
  'staff-settings',
  'staff-second-factor',
];

const staffRoutes = (routes as readonly RouteDefinition[]).filter((route) => route.path.startsWith('/api/staff/'));

describe('the audit actions table', () => {
  it('should declare every staff route either audited or, for those reading nothing personal and changing nothing, not audited', () => {
    // Act
    const declared = staffRoutes.map((route) => [route.handler, (auditActions as Record<string, unknown>)[route.handler]] as const);

    // Assess
    expect(declared.filter(([, spec]) => spec === undefined).map(([handler]) => handler)).toEqual([]);
    expect(declared.filter(([, spec]) => spec === 'not-audited').map(([handler]) => handler).sort()).toEqual([...notAudited].sort());
  });

  it('should audit every staff route that changes something', () => {
    // Act
    const changing = staffRoutes.filter((route) => route.method !== 'GET').map((route) => route.handler);

    // Assess
    expect(changing.filter((handler) => notAudited.includes(handler))).toEqual([]);
  });

  it('should grant the audit table write to audited routes only, and keep every other grant', () => {
    // Act
    const enroll = grantsOf(routeFor('staff-enroll'));
    const districts = grantsOf(routeFor('staff-districts'));
    const auditView = grantsOf(routeFor('staff-audit-events'));
    const parentRoute = grantsOf(routeFor('cabinet-withdraw'));

    // Assess
    expect(enroll.tables).toEqual({ applications: 'readWrite', notifications: 'readWrite', constraints: 'readWrite', kindergartens: 'read', tenants: 'read', audit: 'write' });
    expect(enroll.scheduler).toBe(true);
    expect(districts).toEqual({ tables: { tenants: 'read' } });
    expect(auditView.tables).toEqual({ audit: 'readWrite' });
    expect(parentRoute.tables?.audit).toBeUndefined();
  });

  it('should name the record from the path, the query or, for a creation, the answer', () => {
    // Act
    const fromPath = auditRecordOf({ action: 'application.enroll', record: { type: 'application', param: 'applicationId' } }, { params: { applicationId: 'app-1' } });
    const fromQuery = auditRecordOf({ action: 'queue.view', record: { type: 'queue', query: 'birthYear' } }, { query: { birthYear: 2022 } });
    const fromAnswer = auditRecordOf(
      { action: 'campaign.create', record: { type: 'campaign', result: (body) => body?.campaign?.campaignId } },
      {},
      { campaign: { campaignId: 'c-2026-abcdef12' } },
    );
    const beforeAnswer = auditRecordOf({ action: 'campaign.create', record: { type: 'campaign', result: (body) => body?.campaign?.campaignId } }, {});

    // Assess
    expect(fromPath).toEqual({ type: 'application', id: 'app-1' });
    expect(fromQuery).toEqual({ type: 'queue', id: '2022' });
    expect(fromAnswer).toEqual({ type: 'campaign', id: 'c-2026-abcdef12' });
    expect(beforeAnswer).toBeUndefined();
  });
});
