import type { ZodMiniType } from 'zod/mini';
import type { CloudTableKey } from '#functions/tables';
import { staffRoles, type StaffRole } from '#domain/department';
import type { ProblemCode } from './problems.ts';
import type { Grants } from './grants.ts';
import {
  applicationIdParams,
  markReadRequest,
  markReadResponse,
  contactsRequest,
  unreachableQuery,
  unreachableResponse,
  contactsResponse,
  notificationsResponse,
  surveySubmitRequest,
  surveySubmitResponse,
  surveyView,
  campaignIdParams,
  campaignDashboardQuery,
  campaignDashboardResponse,
  createExportRequest,
  exportParams,
  exportResponse,
  campaignPreviewResponse,
  campaignResponse,
  campaignsResponse,
  createCampaignRequest,
  publicCampaignQuery,
  publicCampaignResponse,
  importCheckRequest,
  importCheckResponse,
  importParams,
  importRowsRequest,
  importRowsResponse,
  positionsResponse,
  cabinetApplicationsResponse,
  changeKindergartensRequest,
  queueQuery,
  queueResponse,
  referralRequest,
  registerApplicationRequest,
  applicationResponse,
  staffApplicationResponse,
  staffApplicationPageResponse,
  changeApplicantPhoneRequest,
  changeApplicantPhoneResponse,
  withdrawalRequest,
  healthResponse,
  identityResponse,
  logoutResponse,
  openApiResponse,
  parentCodeRequest,
  parentCodeResponse,
  parentSessionRequest,
  staffKindergartensResponse,
  createKindergartenRequest,
  updateKindergartenRequest,
  kindergartenParams,
  kindergartenResponse,
  kindergartenFormResponse,
  districtsResponse,
  staffSessionRequest,
  auditQuery,
  auditEventsResponse,
  auditExportResponse,
  publicSiteQuery,
  publicSiteResponse,
  staffPasswordRequest,
  staffPasswordResponse,
  staffEnrolmentRequest,
  staffEnrolmentResponse,
  secondFactorResponse,
  staffAccountsResponse,
  staffAccountResponse,
  staffAccountLinkResponse,
  createStaffRequest,
  updateStaffRequest,
  staffPasswordResetRequest,
  staffLoginParams,
  settingsResponse,
  saveSettingsRequest,
  applicationSearchQuery,
  applicationSearchResponse,
} from './schemas.ts';

/**
 * The route table: every HTTP route of kezek, declared once. The CDK API stack creates one
 * Lambda function and one HTTP API route per entry; the local server dispatches by it; the
 * OpenAPI document is generated from it.
 */

/**
 * Who may call a route: a parent, or staff in one of their department's roles (SPEC
 * "Departments, staff and roles"): `admin` (staff accounts, settings, everything), `operator`
 * (queue, referrals, imports, campaigns), `analyst` (dashboard and exports, read only).
 */
export type Role = 'parent' | StaffRole;

/** `public`: no session needed; otherwise the roles allowed (the authorizer runs first). */
export type Access = 'public' | readonly Role[];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type { Grants, TableAccess } from './grants.ts';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax, e.g. `/api/applications/{applicationId}`. */
  readonly path: string;
  /** File name (without extension) in `functions/handlers/`. */
  readonly handler: string;
  readonly access: Access;
  readonly summary: string;
  /** Path parameters (`{name}` in `path`), validated like the body. */
  readonly params?: ZodMiniType;
  readonly query?: ZodMiniType;
  readonly body?: ZodMiniType;
  readonly response: ZodMiniType;
  /**
   * The problems its use case may answer (`problems.ts`), beyond those the route's shape gives
   * every route alike: 400 for params, query or body, 401 and 403 behind a session, 415 for a
   * state change. The OpenAPI document declares their statuses.
   */
  readonly problems?: readonly ProblemCode[];
  /** Status of a successful answer. */
  readonly successStatus?: number;
  readonly grants: Grants;
}

/** Every staff role: reads that hold no personal data (campaign progress, kindergarten names, districts, exports of aggregates). */
const everyStaff: readonly Role[] = staffRoles;
/** The department's daily work: applications, queue, referrals, imports, kindergartens, campaigns. */
const operators: readonly Role[] = ['admin', 'operator'];
/** The department's administration: its staff accounts and settings. */
const admins: readonly Role[] = ['admin'];
const parentOrStaff: readonly Role[] = ['parent', ...staffRoles];

/** Whether staff (of any role) may call the route. */
export function isStaffRoute(route: Pick<RouteDefinition, 'access'>): boolean {
  return route.access !== 'public' && route.access.some((role) => role !== 'parent');
}

/**
 * One entry per route, each its own export: a handler imports its own (`httpHandler(staffQueueRoute,
 * …)`), so esbuild leaves every other route, and the schemas only they use, out of its function
 * (DECISIONS.md 65). The schemas are getters: a function builds its own route's schemas on their
 * first use, not at start (`lazy` in `schemas.ts`; DECISIONS.md 47).
 */
export const healthRoute = {
  method: 'GET',
  path: '/api/health',
  handler: 'health',
  access: 'public',
  summary: 'Liveness check; says whether the caller\'s address came from CloudFront (origin secret) or is the source address',
  get response() { return healthResponse(); },
  grants: { viewerAddress: true },
} as const satisfies RouteDefinition;

export const openapiRoute = {
  method: 'GET',
  path: '/api/openapi.json',
  handler: 'openapi',
  access: 'public',
  summary: 'This API as an OpenAPI 3.1 document',
  get response() { return openApiResponse(); },
  grants: {},
} as const satisfies RouteDefinition;

export const parentLoginCodeRoute = {
  method: 'POST',
  path: '/api/auth/parent/code',
  handler: 'parent-login-code',
  access: 'public',
  summary: "Send a one-time login code to the parent's phone",
  get body() { return parentCodeRequest(); },
  problems: ['rate_limited'],
  get response() { return parentCodeResponse(); },
  successStatus: 202,
  grants: { tables: { accounts: 'read', auth: 'readWrite' }, sms: true, viewerAddress: true },
} as const satisfies RouteDefinition;

export const parentLoginSessionRoute = {
  method: 'POST',
  path: '/api/auth/parent/session',
  handler: 'parent-login-session',
  access: 'public',
  summary: 'Exchange IIN and one-time code for a session cookie',
  get body() { return parentSessionRequest(); },
  problems: ['invalid_login_code', 'rate_limited'],
  get response() { return identityResponse(); },
  grants: { tables: { accounts: 'read', auth: 'readWrite' }, deletes: ['auth'], viewerAddress: true },
} as const satisfies RouteDefinition;

export const staffLoginSessionRoute = {
  method: 'POST',
  path: '/api/auth/staff/session',
  handler: 'staff-login-session',
  access: 'public',
  summary: 'Staff login with their own credentials and second factor (an authenticator code or a recovery code), scoped to their tenant',
  get body() { return staffSessionRequest(); },
  problems: ['invalid_credentials', 'rate_limited'],
  get response() { return identityResponse(); },
  // accounts readWrite: a password hash made with weaker parameters is replaced at login; the code's time step is recorded, a recovery code spent.
  grants: { tables: { accounts: 'readWrite', auth: 'readWrite' }, viewerAddress: true },
} as const satisfies RouteDefinition;

export const logoutRoute = {
  method: 'POST',
  path: '/api/auth/logout',
  handler: 'logout',
  access: parentOrStaff,
  summary: 'End the current session',
  get response() { return logoutResponse(); },
  grants: { tables: { auth: 'readWrite' }, deletes: ['auth'] },
} as const satisfies RouteDefinition;

export const meRoute = {
  method: 'GET',
  path: '/api/me',
  handler: 'me',
  access: parentOrStaff,
  summary: 'Who is logged in',
  get response() { return identityResponse(); },
  grants: {},
} as const satisfies RouteDefinition;

export const cabinetApplicationsRoute = {
  method: 'GET',
  path: '/api/cabinet/applications',
  handler: 'cabinet-applications',
  access: ['parent'],
  summary: "The parent's applications with their chosen kindergartens",
  get response() { return cabinetApplicationsResponse(); },
  grants: { tables: { applications: 'read', kindergartens: 'read' } },
} as const satisfies RouteDefinition;

export const staffKindergartensRoute = {
  method: 'GET',
  path: '/api/staff/kindergartens',
  handler: 'staff-kindergartens',
  access: everyStaff,
  summary: "The kindergartens of the staff member's tenant",
  get response() { return staffKindergartensResponse(); },
  grants: { tables: { kindergartens: 'read' } },
} as const satisfies RouteDefinition;

export const staffCreateKindergartenRoute = {
  method: 'POST',
  path: '/api/staff/kindergartens',
  handler: 'staff-create-kindergarten',
  access: operators,
  summary: 'Add a kindergarten to the tenant (the id is made from the name unless given); an id that is taken is refused',
  get body() { return createKindergartenRequest(); },
  problems: ['kindergarten_exists'],
  get response() { return kindergartenResponse(); },
  successStatus: 201,
  grants: { tables: { kindergartens: 'readWrite', tenants: 'read' } },
} as const satisfies RouteDefinition;

export const staffGetKindergartenRoute = {
  method: 'GET',
  path: '/api/staff/kindergartens/{kindergartenId}',
  handler: 'staff-get-kindergarten',
  access: operators,
  summary: 'One kindergarten of the tenant with its places taken and revision, and the districts, for the edit form',
  get params() { return kindergartenParams(); },
  problems: ['not_found'],
  get response() { return kindergartenFormResponse(); },
  grants: { tables: { kindergartens: 'read', tenants: 'read' } },
} as const satisfies RouteDefinition;

export const staffUpdateKindergartenRoute = {
  method: 'PUT',
  path: '/api/staff/kindergartens/{kindergartenId}',
  handler: 'staff-update-kindergarten',
  access: operators,
  summary: 'Edit a kindergarten (conditional on the revision read, and on no age group getting fewer places than are taken)',
  get params() { return kindergartenParams(); },
  get body() { return updateKindergartenRequest(); },
  problems: ['not_found', 'kindergarten_changed'],
  get response() { return kindergartenResponse(); },
  grants: { tables: { kindergartens: 'readWrite', tenants: 'read' } },
} as const satisfies RouteDefinition;

export const staffDistrictsRoute = {
  method: 'GET',
  path: '/api/staff/districts',
  handler: 'staff-districts',
  access: everyStaff,
  summary: "The districts of the staff member's tenant",
  get response() { return districtsResponse(); },
  grants: { tables: { tenants: 'read' } },
} as const satisfies RouteDefinition;

export const cabinetRestoreRoute = {
  method: 'POST',
  path: '/api/cabinet/applications/{applicationId}/restore',
  handler: 'cabinet-restore',
  access: ['parent'],
  summary: 'Bring an application stopped by the confirmation campaign back to the queue, with its original date',
  get params() { return applicationIdParams(); },
  problems: ['not_found', 'transition_not_allowed', 'restores_automatically', 'concurrent_change'],
  get response() { return applicationResponse(); },
  grants: { tables: { applications: 'readWrite', notifications: 'readWrite', kindergartens: 'read', tenants: 'read', campaigns: 'readWrite' }, scheduler: true, enqueues: ['recompute-positions'] },
} as const satisfies RouteDefinition;

export const cabinetWithdrawRoute = {
  method: 'POST',
  path: '/api/cabinet/applications/{applicationId}/withdrawal',
  handler: 'cabinet-withdraw',
  access: ['parent'],
  summary: 'The parent withdraws an application they no longer need',
  get params() { return applicationIdParams(); },
  problems: ['not_found', 'transition_not_allowed', 'concurrent_change'],
  get response() { return applicationResponse(); },
  grants: {
    tables: { applications: 'readWrite', notifications: 'readWrite', constraints: 'readWrite', kindergartens: 'readWrite', tenants: 'read' },
    scheduler: true,
    enqueues: ['recompute-positions'],
    deletes: ['constraints'],
  },
} as const satisfies RouteDefinition;

export const staffRegisterApplicationRoute = {
  method: 'POST',
  path: '/api/staff/applications',
  handler: 'staff-register-application',
  access: operators,
  summary: 'Register an application (one active application per child and tenant)',
  get body() { return registerApplicationRequest(); },
  problems: ['child_already_queued', 'concurrent_change', 'phone_on_file_differs'],
  get response() { return staffApplicationResponse(); },
  successStatus: 201,
  grants: {
    tables: { applications: 'readWrite', notifications: 'readWrite', constraints: 'readWrite', kindergartens: 'read', tenants: 'read', accounts: 'readWrite' },
    scheduler: true,
    enqueues: ['recompute-positions'],
  },
} as const satisfies RouteDefinition;

export const staffSearchApplicationsRoute = {
  method: 'GET',
  path: '/api/staff/applications',
  handler: 'staff-search-applications',
  access: operators,
  summary: "The help desk: the tenant's applications by the child's IIN, the start of the child's name or the application number (index lookups, IINs masked, at most 20)",
  get query() { return applicationSearchQuery(); },
  get response() { return applicationSearchResponse(); },
  grants: { tables: { applications: 'read' } },
} as const satisfies RouteDefinition;

export const staffGetApplicationRoute = {
  method: 'GET',
  path: '/api/staff/applications/{applicationId}',
  handler: 'staff-get-application',
  access: operators,
  summary: "One application of the tenant with its history, the applicant's cabinet phone (IINs and phone masked) and the parent's latest notices with each delivery's state",
  get params() { return applicationIdParams(); },
  problems: ['not_found'],
  get response() { return staffApplicationPageResponse(); },
  grants: { tables: { applications: 'read', kindergartens: 'read', accounts: 'read', notifications: 'read' } },
} as const satisfies RouteDefinition;

export const staffChangeApplicantPhoneRoute = {
  method: 'PUT',
  path: '/api/staff/applications/{applicationId}/applicant-phone',
  handler: 'staff-change-applicant-phone',
  access: operators,
  summary:
    "Change the phone of the applicant's cabinet (an application of the tenant names the parent): only over the version read, audited in the application's history, SMS to the old and the new number, a cabinet notice",
  get params() { return applicationIdParams(); },
  get body() { return changeApplicantPhoneRequest(); },
  problems: ['not_found', 'phone_changed_meanwhile'],
  get response() { return changeApplicantPhoneResponse(); },
  grants: { tables: { applications: 'readWrite', accounts: 'readWrite', notifications: 'readWrite', auth: 'readWrite', kindergartens: 'read' }, deletes: ['auth'], sms: true },
} as const satisfies RouteDefinition;

export const staffQueueRoute = {
  method: 'GET',
  path: '/api/staff/queue',
  handler: 'staff-queue',
  access: operators,
  summary:
    "The queue browser: a birth-year cohort's applications in one status (queued: in position order; others: by registration date, cursor-paged), filtered by priority and preferred kindergarten (IINs masked)",
  get query() { return queueQuery(); },
  get response() { return queueResponse(); },
  grants: { tables: { applications: 'read' } },
} as const satisfies RouteDefinition;

export const staffChangeKindergartensRoute = {
  method: 'PUT',
  path: '/api/staff/applications/{applicationId}/kindergartens',
  handler: 'staff-change-kindergartens',
  access: operators,
  summary: 'Change the chosen kindergartens (1 to 3 of the tenant)',
  get params() { return applicationIdParams(); },
  get body() { return changeKindergartensRequest(); },
  problems: ['not_found', 'transition_not_allowed', 'concurrent_change'],
  get response() { return staffApplicationResponse(); },
  grants: { tables: { applications: 'readWrite', notifications: 'readWrite', kindergartens: 'read', tenants: 'read' }, scheduler: true, enqueues: ['recompute-positions'] },
} as const satisfies RouteDefinition;

export const staffIssueReferralRoute = {
  method: 'POST',
  path: '/api/staff/applications/{applicationId}/referral',
  handler: 'staff-issue-referral',
  access: operators,
  summary: 'Issue a referral to a kindergarten with a free place; it expires after the policy’s working days',
  get params() { return applicationIdParams(); },
  get body() { return referralRequest(); },
  problems: ['not_found', 'transition_not_allowed', 'no_free_place', 'concurrent_change'],
  get response() { return staffApplicationResponse(); },
  // Accounts: the referral's notice is queued to the parent's verified e-mail too (decision 59).
  grants: { tables: { applications: 'readWrite', notifications: 'readWrite', kindergartens: 'readWrite', tenants: 'read', accounts: 'read' }, scheduler: true, enqueues: ['recompute-positions'] },
} as const satisfies RouteDefinition;

export const staffEnrollRoute = {
  method: 'POST',
  path: '/api/staff/applications/{applicationId}/enrollment',
  handler: 'staff-enroll',
  access: operators,
  summary: 'Mark a referred child as enrolled (the application leaves the queue)',
  get params() { return applicationIdParams(); },
  problems: ['not_found', 'transition_not_allowed', 'concurrent_change'],
  get response() { return staffApplicationResponse(); },
  grants: { tables: { applications: 'readWrite', notifications: 'readWrite', constraints: 'readWrite', kindergartens: 'read', tenants: 'read' }, scheduler: true, enqueues: ['recompute-positions'], deletes: ['constraints'] },
} as const satisfies RouteDefinition;

export const staffRestoreRoute = {
  method: 'POST',
  path: '/api/staff/applications/{applicationId}/restore',
  handler: 'staff-restore',
  access: operators,
  summary: 'Bring an application stopped by a campaign back to the queue for a parent who came in person, with its original date (the parent is notified)',
  get params() { return applicationIdParams(); },
  problems: ['not_found', 'transition_not_allowed', 'restores_automatically', 'concurrent_change'],
  get response() { return staffApplicationResponse(); },
  grants: { tables: { applications: 'readWrite', notifications: 'readWrite', kindergartens: 'read', tenants: 'read', campaigns: 'readWrite' }, scheduler: true, enqueues: ['recompute-positions'] },
} as const satisfies RouteDefinition;

export const staffWithdrawRoute = {
  method: 'POST',
  path: '/api/staff/applications/{applicationId}/withdrawal',
  handler: 'staff-withdraw',
  access: operators,
  summary: 'Withdraw an application (e.g. at the parent’s written request)',
  get params() { return applicationIdParams(); },
  get body() { return withdrawalRequest(); },
  problems: ['not_found', 'transition_not_allowed', 'concurrent_change'],
  get response() { return staffApplicationResponse(); },
  grants: {
    tables: { applications: 'readWrite', notifications: 'readWrite', constraints: 'readWrite', kindergartens: 'readWrite', tenants: 'read' },
    scheduler: true,
    enqueues: ['recompute-positions'],
    deletes: ['constraints'],
  },
} as const satisfies RouteDefinition;

export const staffImportCheckRoute = {
  method: 'POST',
  path: '/api/staff/imports/{kind}/check',
  handler: 'staff-import-check',
  access: operators,
  summary: 'Check a whole CSV file (kindergartens or the queue) without writing anything; lists every bad row',
  get params() { return importParams(); },
  get body() { return importCheckRequest(); },
  problems: ['import_rejected'],
  get response() { return importCheckResponse(); },
  grants: { tables: { kindergartens: 'read', applications: 'read', constraints: 'read', tenants: 'read', accounts: 'read' } },
} as const satisfies RouteDefinition;

export const staffImportRowsRoute = {
  method: 'POST',
  path: '/api/staff/imports/{kind}/rows',
  handler: 'staff-import-rows',
  access: operators,
  summary: 'Import a slice of a checked CSV file (header + rows); idempotent',
  get params() { return importParams(); },
  get body() { return importRowsRequest(); },
  problems: ['import_rejected', 'concurrent_change'],
  get response() { return importRowsResponse(); },
  grants: {
    tables: { kindergartens: 'readWrite', applications: 'readWrite', constraints: 'readWrite', notifications: 'readWrite', accounts: 'readWrite', tenants: 'read' },
    batchWrites: ['accounts', 'applications', 'constraints', 'notifications'],
  },
} as const satisfies RouteDefinition;

export const staffRecomputePositionsRoute = {
  method: 'POST',
  path: '/api/staff/queue/positions',
  handler: 'staff-recompute-positions',
  access: operators,
  summary: "Start bringing every cohort's stored positions up to date (after an import); a job writes only the positions that moved",
  get response() { return positionsResponse(); },
  successStatus: 202,
  grants: { scheduler: true, enqueues: ['recompute-positions'] },
} as const satisfies RouteDefinition;

export const publicCampaignRoute = {
  method: 'GET',
  path: '/api/public/campaign',
  handler: 'public-campaign',
  access: 'public',
  summary: "The tenant's running confirmation campaign, for the home-page banner (null when none)",
  get query() { return publicCampaignQuery(); },
  get response() { return publicCampaignResponse(); },
  grants: { tables: { campaigns: 'read', constraints: 'read', tenants: 'read' } },
} as const satisfies RouteDefinition;

export const staffCampaignsRoute = {
  method: 'GET',
  path: '/api/staff/campaigns',
  handler: 'staff-campaigns',
  access: everyStaff,
  summary: "The tenant's confirmation campaigns, newest first",
  get response() { return campaignsResponse(); },
  grants: { tables: { campaigns: 'read' } },
} as const satisfies RouteDefinition;

export const staffCreateCampaignRoute = {
  method: 'POST',
  path: '/api/staff/campaigns',
  handler: 'staff-create-campaign',
  access: operators,
  summary: 'Create a campaign as a draft (the end defaults to one month after the start)',
  get body() { return createCampaignRequest(); },
  get response() { return campaignResponse(); },
  successStatus: 201,
  grants: { tables: { campaigns: 'readWrite', tenants: 'read' } },
} as const satisfies RouteDefinition;

export const staffGetCampaignRoute = {
  method: 'GET',
  path: '/api/staff/campaigns/{campaignId}',
  handler: 'staff-get-campaign',
  access: everyStaff,
  summary: 'One campaign with its counters and, while closing, its progress',
  get params() { return campaignIdParams(); },
  problems: ['not_found'],
  get response() { return campaignResponse(); },
  grants: { tables: { campaigns: 'read' } },
} as const satisfies RouteDefinition;

export const staffPreviewCampaignRoute = {
  method: 'GET',
  path: '/api/staff/campaigns/{campaignId}/preview',
  handler: 'staff-preview-campaign',
  access: operators,
  summary: "A draft's last preview: how many applications and applicants it would take in, by birth year (counted by a job: POST to ask)",
  get params() { return campaignIdParams(); },
  problems: ['not_found'],
  get response() { return campaignPreviewResponse(); },
  grants: { tables: { campaigns: 'read' } },
} as const satisfies RouteDefinition;

export const staffRequestPreviewRoute = {
  method: 'POST',
  path: '/api/staff/campaigns/{campaignId}/preview',
  handler: 'staff-request-preview',
  access: operators,
  summary: "Count a draft's scope again: a job reads the queue and writes its progress and result on the draft",
  get params() { return campaignIdParams(); },
  problems: ['not_found', 'campaign_state'],
  get response() { return campaignPreviewResponse(); },
  successStatus: 202,
  grants: { tables: { campaigns: 'readWrite' }, scheduler: true, enqueues: ['campaign-preview'] },
} as const satisfies RouteDefinition;

export const staffStartCampaignRoute = {
  method: 'POST',
  path: '/api/staff/campaigns/{campaignId}/start',
  handler: 'staff-start-campaign',
  access: operators,
  summary: 'Start a draft campaign: it becomes the active one; a job marks the scope, notifies and announces',
  get params() { return campaignIdParams(); },
  problems: ['not_found', 'campaign_state', 'campaign_already_active'],
  get response() { return campaignResponse(); },
  successStatus: 202,
  grants: { tables: { campaigns: 'readWrite', constraints: 'readWrite', tenants: 'read' }, scheduler: true, enqueues: ['campaign-start'] },
} as const satisfies RouteDefinition;

export const staffCancelCampaignRoute = {
  method: 'POST',
  path: '/api/staff/campaigns/{campaignId}/cancel',
  handler: 'staff-cancel-campaign',
  access: operators,
  summary: 'Cancel a campaign before its end (nothing is stopped)',
  get params() { return campaignIdParams(); },
  problems: ['not_found', 'campaign_state'],
  get response() { return campaignResponse(); },
  grants: { tables: { campaigns: 'readWrite', constraints: 'readWrite' }, scheduler: true, enqueues: ['campaign-close'], deletes: ['constraints'] },
} as const satisfies RouteDefinition;

export const staffCampaignDashboardRoute = {
  method: 'GET',
  path: '/api/staff/campaigns/{campaignId}/dashboard',
  handler: 'staff-campaign-dashboard',
  access: everyStaff,
  summary: 'The campaign dashboard: progress by day, load per kindergarten and district, distributions of questions 2–6 (filter by district and cohort); read from counters only',
  get params() { return campaignIdParams(); },
  get query() { return campaignDashboardQuery(); },
  problems: ['not_found'],
  get response() { return campaignDashboardResponse(); },
  grants: { tables: { campaigns: 'read', aggregates: 'read', kindergartens: 'read', tenants: 'read', notifications: 'read' } },
} as const satisfies RouteDefinition;

export const staffCreateExportRoute = {
  method: 'POST',
  path: '/api/staff/campaigns/{campaignId}/exports',
  handler: 'staff-create-export',
  access: everyStaff,
  summary: 'Start a CSV export (anonymised answers or the aggregates) in the background; poll it for progress and the download link',
  get params() { return campaignIdParams(); },
  get body() { return createExportRequest(); },
  problems: ['not_found'],
  get response() { return exportResponse(); },
  successStatus: 202,
  grants: { tables: { campaigns: 'read', exports: 'readWrite', aggregates: 'read' }, scheduler: true, enqueues: ['export'] },
} as const satisfies RouteDefinition;

export const staffGetExportRoute = {
  method: 'GET',
  path: '/api/staff/campaigns/{campaignId}/exports/{exportId}',
  handler: 'staff-get-export',
  access: everyStaff,
  summary: "An export's progress and, once done, a short-lived download link",
  get params() { return exportParams(); },
  problems: ['not_found'],
  get response() { return exportResponse(); },
  grants: { tables: { exports: 'read' }, files: 'read' },
} as const satisfies RouteDefinition;

export const cabinetSurveyRoute = {
  method: 'GET',
  path: '/api/cabinet/survey',
  handler: 'cabinet-survey',
  access: ['parent'],
  summary: 'The survey of the running campaign with kindergartens, their load and chances, and the answer sent so far',
  get response() { return surveyView(); },
  grants: { tables: { campaigns: 'read', constraints: 'read', answers: 'read', aggregates: 'read', kindergartens: 'read', tenants: 'read', applications: 'read' } },
} as const satisfies RouteDefinition;

export const cabinetSurveySubmitRoute = {
  method: 'POST',
  path: '/api/cabinet/survey',
  handler: 'cabinet-survey-submit',
  access: ['parent'],
  summary: 'Send the survey: the answer, the confirmation of all queued applications and the counters, in one transaction',
  get body() { return surveySubmitRequest(); },
  problems: ['campaign_closed', 'concurrent_change', 'survey_version_changed'],
  get response() { return surveySubmitResponse(); },
  grants: {
    tables: { campaigns: 'readWrite', constraints: 'read', answers: 'readWrite', aggregates: 'readWrite', kindergartens: 'read', applications: 'readWrite', notifications: 'readWrite', tenants: 'read' },
  },
} as const satisfies RouteDefinition;

export const cabinetNotificationsRoute = {
  method: 'GET',
  path: '/api/cabinet/notifications',
  handler: 'cabinet-notifications',
  access: ['parent'],
  summary: "The parent's latest notifications (newest first) with the channels they went to and the unread count",
  get response() { return notificationsResponse(); },
  grants: { tables: { notifications: 'read' } },
} as const satisfies RouteDefinition;

export const cabinetNotificationsReadRoute = {
  method: 'POST',
  path: '/api/cabinet/notifications/read',
  handler: 'cabinet-notifications-read',
  access: ['parent'],
  summary: 'Mark some of the parent’s notifications as read',
  get body() { return markReadRequest(); },
  get response() { return markReadResponse(); },
  grants: { tables: { notifications: 'readWrite' } },
} as const satisfies RouteDefinition;

export const cabinetContactsRoute = {
  method: 'GET',
  path: '/api/cabinet/contacts',
  handler: 'cabinet-contacts',
  access: ['parent'],
  summary: "The parent's contacts for messages: the language of every SMS and e-mail, the first phone (masked) and the second phone",
  problems: ['not_found'],
  get response() { return contactsResponse(); },
  grants: { tables: { accounts: 'read' } },
} as const satisfies RouteDefinition;

export const cabinetSaveContactsRoute = {
  method: 'PUT',
  path: '/api/cabinet/contacts',
  handler: 'cabinet-save-contacts',
  access: ['parent'],
  summary: "Set the parent's message language, second phone and e-mail (each absent: removed); a failed SMS is tried once on the second phone; a new or unverified e-mail gets a verification mail with a one-time link. `emailToken` alone verifies the e-mail with that link's token (the signed-in parent's own pending one, within 24 hours, once)",
  get body() { return contactsRequest(); },
  problems: ['not_found', 'email_link_invalid', 'email_link_expired', 'rate_limited'],
  get response() { return contactsResponse(); },
  // Auth: the rate limit of verification mails.
  grants: { tables: { accounts: 'readWrite', auth: 'readWrite' }, mail: true },
} as const satisfies RouteDefinition;

export const staffUnreachableParentsRoute = {
  method: 'GET',
  path: '/api/staff/unreachable-parents',
  handler: 'staff-unreachable-parents',
  access: operators,
  summary: "The department's parents a notice reached on no channel (every SMS, the second phone's included, and every e-mail failed), newest first, optionally of one campaign, with their name and phones to call them",
  get query() { return unreachableQuery(); },
  get response() { return unreachableResponse(); },
  grants: { tables: { notifications: 'read', accounts: 'read' } },
} as const satisfies RouteDefinition;

export const publicSiteRoute = {
  method: 'GET',
  path: '/api/public/site',
  handler: 'public-site',
  access: 'public',
  summary: "The department whose site answers on this host name: its names, contacts and languages (one build serves many departments)",
  get query() { return publicSiteQuery(); },
  problems: ['site_not_found'],
  get response() { return publicSiteResponse(); },
  grants: { tables: { tenants: 'read' } },
} as const satisfies RouteDefinition;

export const staffStartEnrolmentRoute = {
  method: 'POST',
  path: '/api/auth/staff/enrolment',
  handler: 'staff-start-enrolment',
  access: 'public',
  summary: "A one-time link's second-factor secret (RFC 6238) to put in an authenticator app before setting the password; the same secret while the link lives",
  get body() { return staffEnrolmentRequest(); },
  problems: ['invitation_invalid', 'invitation_expired'],
  get response() { return staffEnrolmentResponse(); },
  grants: { tables: { auth: 'readWrite' } },
} as const satisfies RouteDefinition;

export const staffSetPasswordRoute = {
  method: 'POST',
  path: '/api/auth/staff/password',
  handler: 'staff-set-password',
  access: 'public',
  summary: 'Set a staff password with a one-time link (single use, expires after 72 hours) and enrol the second factor with a current code; answers ten recovery codes, once',
  get body() { return staffPasswordRequest(); },
  problems: ['invitation_invalid', 'invitation_expired'],
  get response() { return staffPasswordResponse(); },
  grants: { tables: { accounts: 'readWrite', auth: 'readWrite' }, deletes: ['auth'] },
} as const satisfies RouteDefinition;

export const staffAccountsRoute = {
  method: 'GET',
  path: '/api/staff/accounts',
  handler: 'staff-accounts',
  access: admins,
  summary: "The department's staff accounts: login, name, role, state",
  get response() { return staffAccountsResponse(); },
  grants: { tables: { accounts: 'read' } },
} as const satisfies RouteDefinition;

export const staffCreateAccountRoute = {
  method: 'POST',
  path: '/api/staff/accounts',
  handler: 'staff-create-account',
  access: admins,
  summary: 'Add a staff account (login, name, role); answers its one-time set-password link (72 hours)',
  get body() { return createStaffRequest(); },
  problems: ['staff_login_taken'],
  get response() { return staffAccountLinkResponse(); },
  successStatus: 201,
  // accounts readWrite: the account and the count of active administrators; auth: the link.
  grants: { tables: { accounts: 'readWrite', auth: 'readWrite' } },
} as const satisfies RouteDefinition;

export const staffUpdateAccountRoute = {
  method: 'POST',
  path: '/api/staff/accounts/{login}',
  handler: 'staff-update-account',
  access: admins,
  summary: 'Disable, re-enable or change the role of a staff account (disabling ends its sessions at once); never the last active administrator',
  get params() { return staffLoginParams(); },
  get body() { return updateStaffRequest(); },
  problems: ['not_found', 'concurrent_change', 'last_admin'],
  get response() { return staffAccountResponse(); },
  grants: { tables: { accounts: 'readWrite' } },
} as const satisfies RouteDefinition;

export const staffResetPasswordRoute = {
  method: 'POST',
  path: '/api/staff/accounts/{login}/password-reset',
  handler: 'staff-reset-password',
  access: admins,
  summary: 'A new one-time set-password link for a staff account (72 hours)',
  get params() { return staffLoginParams(); },
  get body() { return staffPasswordResetRequest(); },
  problems: ['not_found', 'concurrent_change', 'staff_disabled'],
  get response() { return staffAccountLinkResponse(); },
  grants: { tables: { accounts: 'readWrite', auth: 'readWrite' } },
} as const satisfies RouteDefinition;

export const staffResetSecondFactorRoute = {
  method: 'POST',
  path: '/api/staff/accounts/{login}/second-factor-reset',
  handler: 'staff-reset-second-factor',
  access: admins,
  summary: "Remove a staff account's second factor and recovery codes (a lost phone; its sessions end) and answer a one-time link to set a password and enrol again (72 hours)",
  get params() { return staffLoginParams(); },
  get body() { return staffPasswordResetRequest(); },
  problems: ['not_found', 'concurrent_change', 'staff_disabled'],
  get response() { return staffAccountLinkResponse(); },
  grants: { tables: { accounts: 'readWrite', auth: 'readWrite' } },
} as const satisfies RouteDefinition;

export const staffSecondFactorRoute = {
  method: 'GET',
  path: '/api/staff/second-factor',
  handler: 'staff-second-factor',
  access: everyStaff,
  summary: "The caller's own second factor: enrolled or not, and how many recovery codes are left",
  get response() { return secondFactorResponse(); },
  grants: { tables: { accounts: 'read' } },
} as const satisfies RouteDefinition;

export const staffAuditEventsRoute = {
  method: 'GET',
  path: '/api/staff/audit-events',
  handler: 'staff-audit-events',
  access: admins,
  summary: "The tenant's audit trail, newest first, filtered by person or record, action and dates; cursor-paged (no IIN or phone)",
  get query() { return auditQuery(); },
  get response() { return auditEventsResponse(); },
  grants: { tables: { audit: 'read' } },
} as const satisfies RouteDefinition;

export const staffAuditExportRoute = {
  method: 'GET',
  path: '/api/staff/audit-events/export',
  handler: 'staff-audit-export',
  access: admins,
  summary: 'The filtered audit trail as CSV (at most 10,000 events; no IIN or phone)',
  get query() { return auditQuery(); },
  get response() { return auditExportResponse(); },
  grants: { tables: { audit: 'read' } },
} as const satisfies RouteDefinition;

export const staffSettingsRoute = {
  method: 'GET',
  path: '/api/staff/settings',
  handler: 'staff-settings',
  access: admins,
  summary: "The department's settings (policy, the next campaign's survey version, contacts shown to parents, languages) with their version",
  get response() { return settingsResponse(); },
  grants: { tables: { tenants: 'read' } },
} as const satisfies RouteDefinition;

export const staffSaveSettingsRoute = {
  method: 'PUT',
  path: '/api/staff/settings',
  handler: 'staff-save-settings',
  access: admins,
  summary: 'Save the settings as a new version, only over the version read (a campaign already started keeps the policy it started with)',
  get body() { return saveSettingsRequest(); },
  problems: ['not_found', 'concurrent_change'],
  get response() { return settingsResponse(); },
  grants: { tables: { tenants: 'readWrite' } },
} as const satisfies RouteDefinition;

/** The route table: every route, in this order in the API, the OpenAPI document and the local server. */
export const routes = [
  healthRoute,
  openapiRoute,
  parentLoginCodeRoute,
  parentLoginSessionRoute,
  staffLoginSessionRoute,
  logoutRoute,
  meRoute,
  cabinetApplicationsRoute,
  staffKindergartensRoute,
  staffCreateKindergartenRoute,
  staffGetKindergartenRoute,
  staffUpdateKindergartenRoute,
  staffDistrictsRoute,
  cabinetRestoreRoute,
  cabinetWithdrawRoute,
  staffRegisterApplicationRoute,
  staffSearchApplicationsRoute,
  staffGetApplicationRoute,
  staffChangeApplicantPhoneRoute,
  staffQueueRoute,
  staffChangeKindergartensRoute,
  staffIssueReferralRoute,
  staffEnrollRoute,
  staffRestoreRoute,
  staffWithdrawRoute,
  staffImportCheckRoute,
  staffImportRowsRoute,
  staffRecomputePositionsRoute,
  publicCampaignRoute,
  staffCampaignsRoute,
  staffCreateCampaignRoute,
  staffGetCampaignRoute,
  staffPreviewCampaignRoute,
  staffRequestPreviewRoute,
  staffStartCampaignRoute,
  staffCancelCampaignRoute,
  staffCampaignDashboardRoute,
  staffCreateExportRoute,
  staffGetExportRoute,
  cabinetSurveyRoute,
  cabinetSurveySubmitRoute,
  cabinetNotificationsRoute,
  cabinetNotificationsReadRoute,
  cabinetContactsRoute,
  cabinetSaveContactsRoute,
  staffUnreachableParentsRoute,
  publicSiteRoute,
  staffStartEnrolmentRoute,
  staffSetPasswordRoute,
  staffAccountsRoute,
  staffCreateAccountRoute,
  staffUpdateAccountRoute,
  staffResetPasswordRoute,
  staffResetSecondFactorRoute,
  staffSecondFactorRoute,
  staffAuditEventsRoute,
  staffAuditExportRoute,
  staffSettingsRoute,
  staffSaveSettingsRoute,
] as const satisfies readonly RouteDefinition[];

export type HandlerName = (typeof routes)[number]['handler'];

/** The authorizer is not a route but a function of its own; it reads sessions and, for staff, their account (status, role). */
export const authorizer = { handler: 'authorizer', grants: { tables: { auth: 'read', accounts: 'read' } } } as const satisfies {
  handler: string;
  grants: Grants;
};

/** The routes a caller in `role` may call, by handler name: what `/api/me` tells the web app it may show. */
export function actionsOf(role: Role | undefined): HandlerName[] {
  if (!role) return [];
  return routes.filter((route) => route.access !== 'public' && (route.access as readonly Role[]).includes(role)).map((route) => route.handler);
}

/** The route of a handler (tests and the audit table look routes up by handler). */
export function routeFor(handler: HandlerName): RouteDefinition {
  const route = routes.find((candidate) => candidate.handler === handler);
  if (!route) throw new Error(`no route for handler ${handler}`);
  return route;
}

/** The cookie that carries the session token over plain HTTP (the local runtime); the authorizer reads it. */
export const sessionCookieName = 'kezek_session';
/**
 * Its name wherever the cookie is Secure (AWS): a browser keeps a `__Host-` cookie only if it is
 * Secure, has `Path=/` and no `Domain`, so no other host (a sibling subdomain) can set or shadow
 * it. Over plain HTTP a browser refuses such a cookie, hence the two names.
 */
export const secureSessionCookieName = `__Host-${sessionCookieName}`;
/** The cookie that remembers the chosen language (not secret). */
export const languageCookieName = 'kezek_lang';
