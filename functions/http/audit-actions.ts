import type { AuditRecordRef, AuditRecordType } from '#domain/audit';
import { routes, type Grants, type RouteDefinition, type TableAccess } from './routes.ts';

/**
 * Which staff routes leave an audit event, and under which action name: one entry per staff
 * route, so a new staff route without an entry fails `tsc`. A route is audited when it reads
 * personal data or changes anything; `not-audited` says it does neither (lists of kindergartens,
 * districts, campaigns, counters, anonymised exports).
 */

/** The routes under `/api/staff/` (staff login is public and lives under `/api/auth/`). */
export type StaffHandlerName = Extract<(typeof routes)[number], { path: `/api/staff/${string}` }>['handler'];

/** Where an event's record id is: a path or query parameter, or (a creation) the response. */
export type AuditRecordSource =
  | { readonly type: AuditRecordType; readonly param: string }
  | { readonly type: AuditRecordType; readonly query: string }
  | { readonly type: AuditRecordType; readonly result: (body: any) => string | undefined };

export interface AuditSpec {
  /** Stable: the administrator filters by it. `<record type>.<verb>`. */
  readonly action: string;
  readonly record?: AuditRecordSource;
}

export const auditActions = {
  'staff-kindergartens': 'not-audited',
  'staff-create-kindergarten': { action: 'kindergarten.create', record: { type: 'kindergarten', result: (body) => body?.kindergarten?.kindergartenId } },
  'staff-get-kindergarten': 'not-audited',
  'staff-update-kindergarten': { action: 'kindergarten.update', record: { type: 'kindergarten', param: 'kindergartenId' } },
  'staff-districts': 'not-audited',
  'staff-register-application': { action: 'application.register', record: { type: 'application', result: (body) => body?.application?.applicationId } },
  // The search text may be an IIN: the event names no record, only that a search was made.
  'staff-search-applications': { action: 'application.search' },
  'staff-get-application': { action: 'application.view', record: { type: 'application', param: 'applicationId' } },
  'staff-change-applicant-phone': { action: 'application.change-applicant-phone', record: { type: 'application', param: 'applicationId' } },
  'staff-queue': { action: 'queue.view', record: { type: 'queue', query: 'birthYear' } },
  'staff-change-kindergartens': { action: 'application.change-kindergartens', record: { type: 'application', param: 'applicationId' } },
  'staff-issue-referral': { action: 'application.issue-referral', record: { type: 'application', param: 'applicationId' } },
  'staff-enroll': { action: 'application.enroll', record: { type: 'application', param: 'applicationId' } },
  'staff-withdraw': { action: 'application.withdraw', record: { type: 'application', param: 'applicationId' } },
  'staff-restore': { action: 'application.restore', record: { type: 'application', param: 'applicationId' } },
  'staff-import-check': { action: 'import.check', record: { type: 'import', param: 'kind' } },
  'staff-import-rows': { action: 'import.rows', record: { type: 'import', param: 'kind' } },
  'staff-recompute-positions': { action: 'queue.recompute-positions' },
  'staff-campaigns': 'not-audited',
  'staff-create-campaign': { action: 'campaign.create', record: { type: 'campaign', result: (body) => body?.campaign?.campaignId } },
  'staff-get-campaign': 'not-audited',
  'staff-preview-campaign': 'not-audited',
  'staff-request-preview': { action: 'campaign.preview', record: { type: 'campaign', param: 'campaignId' } },
  'staff-start-campaign': { action: 'campaign.start', record: { type: 'campaign', param: 'campaignId' } },
  'staff-cancel-campaign': { action: 'campaign.cancel', record: { type: 'campaign', param: 'campaignId' } },
  'staff-campaign-dashboard': 'not-audited',
  // Names and phones of parents to call: a read of personal data.
  'staff-unreachable-parents': { action: 'parent.list-unreachable' },
  'staff-create-export': { action: 'export.create', record: { type: 'export', result: (body) => body?.export?.exportId } },
  'staff-get-export': 'not-audited',
  'staff-accounts': { action: 'staff-account.list' },
  'staff-create-account': { action: 'staff-account.create', record: { type: 'staff-account', result: (body) => body?.account?.login } },
  'staff-update-account': { action: 'staff-account.update', record: { type: 'staff-account', param: 'login' } },
  'staff-reset-password': { action: 'staff-account.reset-password', record: { type: 'staff-account', param: 'login' } },
  'staff-reset-second-factor': { action: 'staff-account.reset-second-factor', record: { type: 'staff-account', param: 'login' } },
  // Their own account's count of recovery codes: no personal data of anyone else, nothing changed.
  'staff-second-factor': 'not-audited',
  'staff-audit-events': { action: 'audit.view' },
  'staff-audit-export': { action: 'audit.export' },
  // The settings name the office, never a person: reading them is not audited, every save is (in its transaction).
  'staff-settings': 'not-audited',
  'staff-save-settings': { action: 'settings.update' },
} as const satisfies Record<StaffHandlerName, AuditSpec | 'not-audited'>;

/** The route's audit entry, or undefined when it is no staff route or not audited. */
export function auditSpecOf(handler: string): AuditSpec | undefined {
  const spec = (auditActions as Record<string, AuditSpec | 'not-audited'>)[handler];
  return spec === undefined || spec === 'not-audited' ? undefined : spec;
}

/** The record an audited request is about, from its parameters or, for a creation, its answer. */
export function auditRecordOf(spec: AuditSpec, request: { params?: unknown; query?: unknown }, result?: unknown): AuditRecordRef | undefined {
  const source = spec.record;
  if (!source) return undefined;
  const id =
    'param' in source
      ? (request.params as Record<string, unknown> | undefined)?.[source.param]
      : 'query' in source
        ? (request.query as Record<string, unknown> | undefined)?.[source.query]
        : result === undefined
          ? undefined
          : source.result(result);
  return id === undefined || id === null ? undefined : { type: source.type, id: String(id) };
}

const merge = (a: TableAccess | undefined, b: TableAccess): TableAccess => (a === undefined || a === b ? b : 'readWrite');

/**
 * A route's grants as deployed: its entry's, plus `write` on the audit table when it is audited.
 * The CDK API stack and the local server both take a route's grants from here.
 */
export function grantsOf(route: RouteDefinition): Grants {
  if (!auditSpecOf(route.handler)) return route.grants;
  return { ...route.grants, tables: { ...route.grants.tables, audit: merge(route.grants.tables?.audit, 'write') } };
}
