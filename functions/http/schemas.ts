import * as z from 'zod/mini';
import { emailMaxLength, emailPattern } from '#domain/email';
import { applicationIdPattern, applicationStatuses, historyActions, instructionLanguages, priorityCategories, stopReasons, ageGroups } from '#domain/application';
import { isValidIin } from '#domain/iin';
import { parentActions, staffActions } from '#domain/application-lifecycle';
import { noticeKinds, type NoticeKind } from '#domain/notification';
import { campaignActions } from '#domain/campaign';
import { questionKinds } from '#domain/question-kinds/index';
import { submissionSchema } from '#domain/survey-answers';
import { surveyDefinitions } from '#domain/survey-definition';
import { staffRoles } from '#domain/department';
import { offerablePriorityCategories } from '#domain/policy';
import type { StatusPageKey } from '#ports/stores';
import { lazy } from '#domain/lazy';
import { decodeQueueCursor } from './queue-cursor.ts';

/**
 * Request and response schemas of the HTTP API: the only source of request types (`z.infer`)
 * and, through the route table, of the OpenAPI document. Each is a factory made with `lazy`: a
 * function builds the schemas of its own route on first use, never every route's at start.
 */

const iin = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^\d{12}$/, { message: 'iin_format' })));
/**
 * An IIN that can belong to someone: a real birth date and the right check digit. A login code for
 * any other would never arrive, and saying so tells nothing about who has a cabinet.
 */
const possibleIin = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^\d{12}$/, { message: 'iin_format', abort: true }), z.refine(isValidIin, { message: 'iin_invalid' })));

/**
 * What every id the system creates looks like. An id a request names (path, query or body) must
 * match, so no lookup reaches the store with an empty or oversized key (DynamoDB refuses an empty
 * key with an error, which would answer 500) and a malformed one is a 400 that names the field.
 */
export const idPatterns = {
  /** `app-<uuid>` (registered by staff) and `imp.<tenant>.<external id>` (imported; 85 characters at most). */
  application: applicationIdPattern,
  /** Kindergartens (made from the name, or given: up to 60), campaigns (`c-<year>-<8 hex>`), exports (`x-<uuid>`), districts. */
  entity: /^[\w-]{1,60}$/,
  /** Education departments. */
  tenant: /^[\w-]{1,40}$/,
  /** `<ISO instant>#<application or campaign id>#<kind>[-<days before>]`. */
  notification: /^[\w.:#+-]{1,200}$/,
} as const;

const idSchema = (pattern: RegExp) => /* @__PURE__ */ lazy(() => z.string().check(z.regex(pattern, { message: 'id_invalid' })));
const applicationIdSchema = /* @__PURE__ */ idSchema(idPatterns.application);
const entityIdSchema = /* @__PURE__ */ idSchema(idPatterns.entity);
const tenantIdSchema = /* @__PURE__ */ idSchema(idPatterns.tenant);
const notificationIdSchema = /* @__PURE__ */ idSchema(idPatterns.notification);

/** One schema per kind of id, shared by every route that takes one; each built on its first use, as every schema here. */
export const idSchemas = {
  get application() { return applicationIdSchema(); },
  get entity() { return entityIdSchema(); },
  get tenant() { return tenantIdSchema(); },
  get notification() { return notificationIdSchema(); },
};
const localized = /* @__PURE__ */ lazy(() => z.object({ kk: z.string(), ru: z.string(), en: z.string() }));
const isoDate = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)));

/**
 * What a route without a body accepts as one: nothing, or an empty JSON object. A body with fields
 * is refused field by field (`unrecognized_keys`), as a body route refuses an unknown field.
 */
export const noBody = /* @__PURE__ */ lazy(() => z.strictObject({}));

export const healthResponse = /* @__PURE__ */ lazy(() => z.object({
  status: z.literal('ok'),
  time: z.string(),
  /**
   * Where the API took the caller's address from: `viewer` when CloudFront forwarded it with the
   * origin secret, `source` otherwise (a direct call, or the local runtime). The address itself
   * is never echoed.
   */
  clientAddressFrom: z.enum(['viewer', 'source']),
}));

export const parentCodeRequest = /* @__PURE__ */ lazy(() => z.strictObject({ iin: possibleIin() }));
/**
 * The same answer whether or not the IIN has a cabinet, so the endpoint does not tell strangers
 * which IINs are in the queue.
 */
export const parentCodeResponse = /* @__PURE__ */ lazy(() => z.object({
  sent: z.literal(true),
  expiresInSeconds: z.int(),
}));

export const openApiResponse = /* @__PURE__ */ lazy(() => z.record(z.string(), z.unknown()));

export const parentSessionRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  iin: possibleIin(),
  code: z.string().check(z.regex(/^\d{6}$/, { message: 'code_format' })),
}));

export const staffSessionRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  login: z.string().check(z.trim(), z.minLength(3), z.maxLength(100)),
  password: z.string().check(z.minLength(1), z.maxLength(200)),
  /** The second factor: the authenticator's current 6 digits or a recovery code. Optional in shape: a missing code gets the same 401 as a wrong one. */
  code: z.optional(z.string().check(z.trim(), z.maxLength(40))),
}));

export const identityResponse = /* @__PURE__ */ lazy(() => z.object({
  role: z.enum(['parent', 'staff']),
  displayName: z.string(),
  tenantId: z.optional(z.string()),
  /** Staff only: their role in the department. */
  staffRole: z.optional(z.enum(staffRoles)),
  /** The routes (handler names of the route table) this caller may call: the web app shows only those actions. */
  actions: z.optional(z.array(z.string())),
  /** Present (true) only on the local runtime (`npm start`), never in AWS: demo-only controls show then. */
  localRuntime: z.optional(z.literal(true)),
}));

export const logoutResponse = /* @__PURE__ */ lazy(() => z.object({ loggedOut: z.literal(true) }));

const kindergartenRef = /* @__PURE__ */ lazy(() => z.object({ kindergartenId: z.string(), name: localized() }));

const historyEvent = /* @__PURE__ */ lazy(() => z.object({
  at: z.string(),
  actor: z.object({ role: z.enum(['parent', 'staff', 'system']) }),
  action: z.enum(historyActions),
  from: z.optional(z.enum(applicationStatuses)),
  to: z.enum(applicationStatuses),
  stopReason: z.optional(z.enum(stopReasons)),
  details: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]))),
}));

const positionChange = /* @__PURE__ */ lazy(() => z.object({
  at: z.string(),
  from: z.optional(z.int()),
  to: z.int(),
  reasons: z.record(z.string(), z.int()),
}));

/**
 * The chance of a place at one chosen kindergarten, computed by the positions job: the child's
 * rank among the cohort's queued children who chose it, against the places of the child's age
 * group there (free now, expected to free up at the next intake), in words and how sure.
 */
const placeChanceEstimate = /* @__PURE__ */ lazy(() => z.object({
  kindergartenId: z.string(),
  rank: z.int(),
  among: z.int(),
  ageGroup: z.enum(ageGroups),
  free: z.int(),
  freeing: z.int(),
  chance: z.enum(['high', 'medium', 'low']),
  certainty: z.enum(['firm', 'rough']),
}));

/** What a parent may do next with an application; the page shows exactly these. */

const applicationView = /* @__PURE__ */ lazy(() => z.object({
  applicationId: z.string(),
  tenantId: z.string(),
  childName: z.string(),
  birthDate: isoDate(),
  registeredAt: z.string(),
  status: z.enum(applicationStatuses),
  stopReason: z.optional(z.enum(stopReasons)),
  validUntil: isoDate(),
  priority: z.enum(priorityCategories),
  language: z.enum(instructionLanguages),
  kindergartens: z.array(kindergartenRef()),
  position: z.optional(z.int()),
  positionLog: z.array(positionChange()),
  /** Only while queued, once the positions job has estimated it. */
  placeChances: z.optional(z.array(placeChanceEstimate())),
  /** The referral's kindergarten with its address, so the parent knows where to go. */
  referral: z.optional(z.object({ kindergarten: z.extend(kindergartenRef(), { address: z.optional(z.string()) }), issuedAt: z.string(), expiresAt: z.string() })),
  autoRestoreAt: z.optional(z.string()),
  history: z.array(historyEvent()),
  /** A running campaign waits for the parent to confirm this application. */
  confirmationNeeded: z.boolean(),
  actions: z.array(z.enum(parentActions)),
}));

export const cabinetApplicationsResponse = /* @__PURE__ */ lazy(() => z.object({ applications: z.array(applicationView()) }));

export const applicationIdParams = /* @__PURE__ */ lazy(() => z.strictObject({ applicationId: idSchemas.application }));

/** One application as its parent sees it, after an action of theirs. */
export const applicationResponse = /* @__PURE__ */ lazy(() => z.object({ application: applicationView() }));

const staffApplicationView = /* @__PURE__ */ lazy(() => z.extend(z.omit(applicationView(), { actions: true }), {
  /** Masked: the last two digits only. */
  childIin: z.string(),
  applicantIin: z.string(),
  preferredKindergartenIds: z.array(z.string()),
  /** What staff may do next, by the state machine (the console shows only these). */
  actions: z.array(z.enum(staffActions)),
}));

export const staffApplicationResponse = /* @__PURE__ */ lazy(() => z.object({ application: staffApplicationView() }));

const phone = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^\+7\d{10}$/, { message: 'phone_format' })));

/** The applicant's cabinet phone as staff see it: masked, with the version a change names. */
const applicantPhoneView = /* @__PURE__ */ lazy(() => z.object({
  /** E.g. `+7 7** *** **34`. */
  masked: z.string(),
  /** A change names it (`expectedVersion`), so two staff members cannot overwrite each other. */
  version: z.int(),
}));

/**
 * The application page: the application and, if the parent has a cabinet, its phone masked (for
 * the change form) and the applicant's name and phone in full, to call them back (the route is
 * for administrators and operators only, and every view of it is audited).
 */
/** A notice as staff see it beside an application: what, when, read or not, and each channel's delivery. */
const staffNoticeView = /* @__PURE__ */ lazy(() => z.object({
  notificationId: z.string(),
  kind: z.enum(noticeKinds as [NoticeKind, ...NoticeKind[]]),
  createdAt: z.string(),
  applicationId: z.string(),
  /** True when it is about the application on the page (else about another of the parent's). */
  aboutThisApplication: z.boolean(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
  channels: z.record(z.string(), z.string()),
  read: z.boolean(),
  /** Per channel that leaves the cabinet: when its delivery last moved, and why it failed. */
  deliveries: z.record(z.string(), z.object({ at: z.optional(z.string()), reason: z.optional(z.string()) })),
}));

export const staffApplicationPageResponse = /* @__PURE__ */ lazy(() => z.object({
  application: staffApplicationView(),
  applicantPhone: z.optional(applicantPhoneView()),
  applicant: z.optional(z.object({ name: z.string(), phone: z.string() })),
  /** The parent's latest notices in this department, newest first. */
  notices: z.array(staffNoticeView()),
}));

export const changeApplicantPhoneRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  phone: phone(),
  expectedVersion: z.int().check(z.minimum(0), z.maximum(1_000_000)),
}));

export const changeApplicantPhoneResponse = /* @__PURE__ */ lazy(() => z.object({ application: staffApplicationView(), applicantPhone: applicantPhoneView() }));

export const registerApplicationRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  childIin: iin(),
  childName: z.string().check(z.trim(), z.minLength(2), z.maxLength(100), z.regex(oneLine, { message: 'one_line' })),
  applicantIin: iin(),
  applicantPhone: phone(),
  applicantName: z.string().check(z.trim(), z.minLength(2), z.maxLength(100), z.regex(oneLine, { message: 'one_line' })),
  priority: z.enum(priorityCategories),
  kindergartenIds: z.array(idSchemas.entity).check(z.minLength(1), z.maxLength(3)),
  language: z.enum(instructionLanguages),
}));

export const changeKindergartensRequest = /* @__PURE__ */ lazy(() => z.strictObject({ kindergartenIds: z.array(idSchemas.entity).check(z.minLength(1), z.maxLength(3)) }));
export const referralRequest = /* @__PURE__ */ lazy(() => z.strictObject({ kindergartenId: idSchemas.entity }));
export const withdrawalRequest = /* @__PURE__ */ lazy(() => z.strictObject({ reason: z.optional(z.string().check(z.trim(), z.maxLength(200))) }));

const cursorKey = /* @__PURE__ */ lazy(() => z.strictObject({
  registeredAt: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/)),
  applicationId: idSchemas.application,
}));

/** A query parameter holding a queue page cursor (see `queue-cursor.ts`): checked and decoded, or a field error `cursor_invalid`. */
export const queueCursor = /* @__PURE__ */ lazy(() => z.pipe(
  z.string().check(z.maxLength(300), z.regex(/^[\w-]+$/, { message: 'cursor_invalid' })),
  z.transform((text: string, context): StatusPageKey => {
    const key = z.safeParse(cursorKey(), decodeQueueCursor(text));
    if (key.success) return key.data;
    context.issues.push({ code: 'custom', message: 'cursor_invalid', input: text });
    return z.NEVER;
  }),
));

/** The staff queue browser: one cohort, one status, optionally narrowed, a page at a time. */
export const queueQuery = /* @__PURE__ */ lazy(() => z.strictObject({
  birthYear: z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
  status: z._default(z.enum(applicationStatuses), 'queued'),
  priority: z.optional(z.enum(priorityCategories)),
  /** One of the preferred kindergartens. */
  kindergartenId: z.optional(idSchemas.entity),
  /** Queued: the position to start after (paging through a long cohort). */
  after: z.optional(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(1_000_000))),
  /** Other statuses: the `nextCursor` of the previous page. */
  cursor: z.optional(queueCursor()),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
}).check(z.superRefine((query, context) => {
  if (query.after !== undefined && query.status !== 'queued') context.addIssue({ code: 'custom', path: ['after'], message: 'queue_paging' });
  if (query.cursor !== undefined && query.status === 'queued') context.addIssue({ code: 'custom', path: ['cursor'], message: 'queue_paging' });
})));

const queueEntry = /* @__PURE__ */ lazy(() => z.object({
  applicationId: z.string(),
  status: z.enum(applicationStatuses),
  stopReason: z.optional(z.enum(stopReasons)),
  position: z.optional(z.int()),
  childName: z.string(),
  childIin: z.string(),
  birthDate: isoDate(),
  registeredAt: z.string(),
  priority: z.enum(priorityCategories),
  preferredKindergartenIds: z.array(z.string()),
  validUntil: isoDate(),
}));

export const queueResponse = /* @__PURE__ */ lazy(() => z.object({
  birthYear: z.int(),
  status: z.enum(applicationStatuses),
  /** Applications of the list that match the filters (all pages). */
  total: z.int(),
  entries: z.array(queueEntry()),
  /** Queued: the `after` of the next page, if there is one. */
  nextAfter: z.optional(z.int()),
  /** Other statuses: the `cursor` of the next page, if there is one. */
  nextCursor: z.optional(z.string()),
}));

export const staffKindergartensResponse = /* @__PURE__ */ lazy(() => z.object({
  kindergartens: z.array(
    z.object({
      kindergartenId: z.string(),
      name: localized(),
      ownership: z.enum(['state', 'private']),
      languages: z.array(z.enum(instructionLanguages)),
      district: z.string(),
      location: z.object({ lat: z.number(), lon: z.number() }),
      capacity: z.record(z.enum(ageGroups), z.int()),
      occupancy: z.optional(z.record(z.enum(ageGroups), z.int())),
    }),
  ),
}));

/** Places in one age group; one message for every way it can be wrong, so the form reads well. */
const places = /* @__PURE__ */ lazy(() => z.int({ message: 'places_count' }).check(z.minimum(0, { message: 'places_count' }), z.maximum(9999, { message: 'places_count' })));
/** A name shown on one line everywhere (lists, SMS, CSV cells): no line breaks or other control characters. */
const oneLine = /^[^\p{Cc}]*$/u;
const kindergartenName = /* @__PURE__ */ lazy(() => z.string().check(z.trim(), z.minLength(1, { message: 'required' }), z.maxLength(200), z.regex(oneLine, { message: 'one_line' })));
const coordinate = /* @__PURE__ */ lazy(() => z.number({ message: 'coordinate_number' }));

/**
 * What staff enter about a kindergarten. The schema checks shapes; the district, the point in
 * Kazakhstan and each language once are checked in `#domain/kindergarten-rules` (shared with the
 * CSV import).
 */
const kindergartenFields = /* @__PURE__ */ lazy(() => ({
  /** An empty English name takes the Russian one, as in the import. */
  name: z.strictObject({ kk: kindergartenName(), ru: kindergartenName(), en: z.string().check(z.trim(), z.maxLength(200), z.regex(oneLine, { message: 'one_line' })) }),
  ownership: z.enum(['state', 'private'], { message: 'ownership_unknown' }),
  languages: z.array(z.enum(instructionLanguages, { message: 'language_unknown' })).check(z.minLength(1, { message: 'languages_required' }), z.maxLength(2, { message: 'options_distinct' })),
  district: z.string().check(z.regex(idPatterns.entity, { message: 'district_unknown' })),
  address: z.string().check(z.trim(), z.maxLength(300)),
  location: z.strictObject({ lat: coordinate(), lon: coordinate() }),
  capacity: z.strictObject({ nursery: places(), junior: places(), middle: places(), senior: places(), preschool: places() }),
}));

/** A new kindergarten; without an id, one is made from its name. */
export const createKindergartenRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  kindergartenId: z.optional(z.string().check(z.regex(idPatterns.entity, { message: 'kindergarten_id_format' }))),
  ...kindergartenFields(),
}));

/** An edit of every field; `version` is the revision the page read (optimistic concurrency). */
export const updateKindergartenRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  version: z.int().check(z.minimum(0), z.maximum(1_000_000_000)),
  ...kindergartenFields(),
}));

export const kindergartenParams = /* @__PURE__ */ lazy(() => z.strictObject({ kindergartenId: idSchemas.entity }));

const districtView = /* @__PURE__ */ lazy(() => z.object({ id: z.string(), name: localized() }));

/** One kindergarten as the staff form shows it, with the places taken and its revision. */
export const kindergartenView = /* @__PURE__ */ lazy(() => z.object({
  kindergartenId: z.string(),
  name: localized(),
  ownership: z.enum(['state', 'private']),
  languages: z.array(z.enum(instructionLanguages)),
  district: z.string(),
  address: z.string(),
  location: z.object({ lat: z.number(), lon: z.number() }),
  capacity: z.record(z.enum(ageGroups), z.int()),
  occupancy: z.record(z.enum(ageGroups), z.int()),
  version: z.int(),
}));

export const kindergartenResponse = /* @__PURE__ */ lazy(() => z.object({ kindergarten: kindergartenView() }));
/** The edit form's data: the kindergarten and the districts it may be moved to. */
export const kindergartenFormResponse = /* @__PURE__ */ lazy(() => z.object({ kindergarten: kindergartenView(), districts: z.array(districtView()) }));
export const districtsResponse = /* @__PURE__ */ lazy(() => z.object({ districts: z.array(districtView()) }));

export const errorResponse = /* @__PURE__ */ lazy(() => z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    /** Import problems: every bad row of the file. */
    rows: z.optional(z.array(z.object({ line: z.int(), column: z.string(), message: z.string() }))),
    /** Values the message names (e.g. a date). */
    params: z.optional(z.record(z.string(), z.string())),
  }),
}));

export const importKinds = ['kindergartens', 'applications'] as const;

export const importParams = /* @__PURE__ */ lazy(() => z.strictObject({ kind: z.enum(importKinds) }));

/** A CSV file as text: 10,000 queue rows are about 2 MB; API Gateway takes up to 10 MB. */
export const importCheckRequest = /* @__PURE__ */ lazy(() => z.strictObject({ csv: z.string().check(z.minLength(1), z.maxLength(6_000_000)) }));

export const importCheckResponse = /* @__PURE__ */ lazy(() => z.object({ kind: z.enum(importKinds), rows: z.int() }));

/**
 * A slice of an already checked file: its header line plus some rows. `firstLine` is the line
 * number of the slice's first row in the whole file, so errors name the line the user sees.
 */
export const importRowsRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  csv: z.string().check(z.minLength(1), z.maxLength(1_000_000)),
  firstLine: z.int().check(z.minimum(2)),
}));

export const importRowsResponse = /* @__PURE__ */ lazy(() => z.object({ kind: z.enum(importKinds), written: z.int() }));

export const positionsResponse = /* @__PURE__ */ lazy(() => z.object({ scheduled: z.literal(true), cohorts: z.int() }));

const campaignCounts = /* @__PURE__ */ lazy(() => z.object({
  inScope: z.int(),
  applicants: z.int(),
  confirmed: z.int(),
  stopped: z.int(),
  /** Stopped by this campaign and brought back from the stop-list by their parents. */
  restored: z.int(),
}));

export const campaignView = /* @__PURE__ */ lazy(() => z.object({
  campaignId: z.string(),
  year: z.int(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['draft', 'active', 'closing', 'closed', 'cancelled']),
  createdAt: z.string(),
  counts: campaignCounts(),
  closeProgress: z.optional(z.object({ processed: z.int(), total: z.int() })),
  /** What staff may do with it now (a role may still be refused by the route table). */
  actions: z.array(z.enum(campaignActions)),
}));

export const campaignIdParams = /* @__PURE__ */ lazy(() => z.strictObject({ campaignId: idSchemas.entity }));

export const createCampaignRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  year: z.int().check(z.minimum(2020), z.maximum(2100)),
  /** ISO instants; `endsAt` defaults to the policy's campaign length after `startsAt`. */
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.optional(z.iso.datetime({ offset: true })),
}));

export const campaignResponse = /* @__PURE__ */ lazy(() => z.object({ campaign: campaignView() }));
export const campaignsResponse = /* @__PURE__ */ lazy(() => z.object({ campaigns: z.array(campaignView()) }));

/** A draft's preview (decision 57): none asked yet, or the job's count, growing while `counting`. */
export const campaignPreviewResponse = /* @__PURE__ */ lazy(() => z.discriminatedUnion('state', [
  z.object({ state: z.literal('none') }),
  z.object({
    state: z.enum(['counting', 'ready']),
    requestedAt: z.string(),
    computedAt: z.optional(z.string()),
    read: z.int(),
    applications: z.int(),
    applicants: z.int(),
    byCohort: z.array(z.object({ birthYear: z.int(), applications: z.int() })),
  }),
]));

const count = /* @__PURE__ */ lazy(() => z.int());
const dashboardOption = /* @__PURE__ */ lazy(() => z.object({ id: z.string(), label: localized(), count: count() }));

/** The parents a notice reached on no channel, optionally of one campaign. */
export const unreachableQuery = /* @__PURE__ */ lazy(() => z.strictObject({ campaignId: z.optional(idSchemas.entity) }));

export const unreachableResponse = /* @__PURE__ */ lazy(() => z.object({
  parents: z.array(z.object({
    notificationId: z.string(),
    kind: z.enum(noticeKinds as [NoticeKind, ...NoticeKind[]]),
    createdAt: z.string(),
    unreachableAt: z.string(),
    applicationId: z.string(),
    campaignId: z.optional(z.string()),
    childName: z.optional(z.string()),
    parentName: z.string(),
    /** In full: the list is for the roles that call parents back, and every view of it is audited. */
    phone: z.string(),
    secondPhone: z.optional(z.string()),
    channels: z.record(z.string(), z.string()),
    /** Per channel: when its delivery last moved (when it failed) and why, in the provider's words. */
    deliveries: z.record(z.string(), z.object({ at: z.optional(z.string()), reason: z.optional(z.string()) })),
  })),
}));

export const campaignDashboardQuery = /* @__PURE__ */ lazy(() => z.strictObject({
  /** Only answers whose first-choice kindergarten is in this district. */
  district: z.optional(idSchemas.entity),
  /** Only answers of parents with a child born this year in the campaign. */
  cohort: z.optional(z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100))),
}));

/**
 * The campaign dashboard, read from counters only (the campaign item, the aggregate slices and
 * the tenant's kindergartens): its cost grows with the number of kindergartens, never with answers.
 */
export const campaignDashboardResponse = /* @__PURE__ */ lazy(() => z.object({
  campaign: campaignView(),
  /** `pending` = in scope − confirmed − stopped (what still waits for a parent). */
  progress: z.object({
    inScope: count(), applicants: count(), confirmed: count(), pending: count(), stopped: count(), restored: count(),
    /** Parents whom a message of the campaign reached on no channel (every SMS and e-mail failed): someone should call them. */
    unreachable: count(),
  }),
  /** Kazakhstan dates with what happened that day. */
  byDay: z.array(z.object({ date: isoDate(), confirmed: count(), stopped: count(), restored: count() })),
  filter: z.object({ district: z.optional(z.string()), cohort: z.optional(z.int()) }),
  /** The cohorts (birth years) the campaign concerns: the values of the cohort filter. */
  cohorts: z.array(z.int()),
  /** Answers in the filtered slice (all answers without a filter). */
  answers: count(),
  /** Question 1 (all answers; the district/cohort filter narrows it too): applicants who chose each kindergarten against its places. */
  kindergartens: z.array(
    z.object({
      kindergartenId: z.string(),
      name: localized(),
      district: z.string(),
      location: z.object({ lat: z.number(), lon: z.number() }),
      capacity: count(),
      chosen: count(),
    }),
  ),
  /** Districts with their outline (a closed ring of `[lat, lon]`, empty when unknown) and summed load. */
  districts: z.array(z.object({ id: z.string(), name: localized(), outline: z.array(z.tuple([z.number(), z.number()])), capacity: count(), chosen: count() })),
  /** Questions 2–6 with the count of every option (and of their follow-up reasons) in the filtered slice. */
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['single', 'multiple']),
      title: localized(),
      options: z.array(dashboardOption()),
      reasons: z.optional(z.object({ title: localized(), options: z.array(dashboardOption()) })),
    }),
  ),
  /** The map's tile layer (configuration); null draws points and outlines on a plain background. */
  map: z.object({ tileUrl: z.nullable(z.string()), attribution: z.nullable(z.string()) }),
}));

export const exportKinds = ['answers', 'aggregates'] as const;
export const createExportRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  kind: z.enum(exportKinds),
  /** The language of the header row and of the option labels. */
  language: z.enum(['kk', 'ru', 'en']),
}));
export const exportParams = /* @__PURE__ */ lazy(() => z.strictObject({ campaignId: idSchemas.entity, exportId: idSchemas.entity }));
export const exportView = /* @__PURE__ */ lazy(() => z.object({
  exportId: z.string(),
  campaignId: z.string(),
  kind: z.enum(exportKinds),
  language: z.enum(['kk', 'ru', 'en']),
  status: z.enum(['running', 'done', 'failed']),
  createdAt: z.string(),
  /** Rows written so far, out of the expected total (answers: the campaign's answer counter). */
  processed: count(),
  total: count(),
  rows: z.optional(count()),
  /** A short-lived download link (a presigned S3 URL in AWS), once done. */
  downloadUrl: z.optional(z.string()),
  fileName: z.optional(z.string()),
}));
export const exportResponse = /* @__PURE__ */ lazy(() => z.object({ export: exportView() }));

export const publicCampaignQuery = /* @__PURE__ */ lazy(() => z.strictObject({ tenantId: idSchemas.tenant }));
export const publicCampaignResponse = /* @__PURE__ */ lazy(() => z.object({
  campaign: z.nullable(z.object({ year: z.int(), endsAt: z.string(), tenantName: localized() })),
}));


const localizedOption = /* @__PURE__ */ lazy(() => z.object({ id: z.string(), label: localized() }));

export const surveyView = /* @__PURE__ */ lazy(() => z.object({
  campaign: z.nullable(z.object({ campaignId: z.string(), year: z.int(), endsAt: z.string() })),
  /** The questions, options and hints in kk / ru / en (see `functions/domain/survey-definition.ts`). */
  definition: z.object({
    version: z.string(),
    /** One shape per kind of question (`functions/domain/question-kinds`); the web has one view per kind. */
    questions: z.array(z.discriminatedUnion('kind', [questionKinds.kindergartens.wireSchema(), questionKinds.single.wireSchema(), questionKinds.multiple.wireSchema()])),
  }),
  /**
   * The parent's answer in the running campaign, if they have sent one; with no campaign running,
   * their answer in the campaign that closed last for them (`closed`), so it can still be viewed.
   */
  answer: z.nullable(z.object({ answers: z.record(z.string(), z.unknown()), submittedAt: z.string(), validUntil: isoDate(), campaignId: z.string(), closed: z.boolean() })),
  kindergartens: z.array(
    z.object({
      kindergartenId: z.string(),
      name: localized(),
      district: z.string(),
      ownership: z.enum(['state', 'private']),
      languages: z.array(z.enum(instructionLanguages)),
      location: z.object({ lat: z.number(), lon: z.number() }),
      /** Applicants who chose it in this campaign, against its places. */
      load: z.object({ chosen: z.int(), capacity: z.int() }),
      /** The chance of a place of each of the parent's queued children who chose it in their application. */
      estimates: z.array(z.extend(placeChanceEstimate(), { applicationId: z.string(), childName: z.string(), birthDate: isoDate() })),
    }),
  ),
  districts: z.array(z.object({ id: z.string(), name: localized() })),
}));

/** The answers of one of the survey versions, told apart by `version`, each derived from its definition (`functions/domain/question-kinds`). */
export const surveySubmitRequest = /* @__PURE__ */ lazy(() => submissionSchema(surveyDefinitions()));

export const surveySubmitResponse = /* @__PURE__ */ lazy(() => z.object({
  confirmed: z.int(),
  validUntil: isoDate(),
  /** True when this replaced an earlier answer in the same campaign. */
  replaced: z.boolean(),
}));

export const notificationsResponse = /* @__PURE__ */ lazy(() => z.object({
  notifications: z.array(
    z.object({
      notificationId: z.string(),
      kind: z.enum(noticeKinds as [NoticeKind, ...NoticeKind[]]),
      createdAt: z.string(),
      applicationId: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
      /** Each channel it went to and how the delivery went (`delivered`, `sent`, `failed`, `pending`). */
      channels: z.record(z.string(), z.string()),
      read: z.boolean(),
    }),
  ),
  unread: z.int(),
}));

export const markReadRequest = /* @__PURE__ */ lazy(() => z.strictObject({ notificationIds: z.array(idSchemas.notification).check(z.minLength(1), z.maxLength(100)) }));
/** The cabinet's contacts: the message language and the second phone (absent: removed). */
/**
 * The parent's contacts, or (`emailToken` alone) the token of their e-mail's verification link
 * (`?email-token=`, 256 bits base64url), which verifies the e-mail (decision 59). One route for
 * both: the API stack is at CloudFormation's 500 resources, and a route costs seven.
 */
export const contactsRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  language: z.optional(z.enum(['kk', 'ru', 'en'])),
  secondPhone: z.optional(phone()),
  /** Absent: removed. A new one (or the same one unverified) gets a verification mail. */
  email: z.optional(z.string().check(z.trim(), z.maxLength(emailMaxLength, { message: 'email_format' }), z.regex(emailPattern, { message: 'email_format' }))),
  emailToken: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, { message: 'email_token_format' }))),
}).check(z.superRefine((body, context) => {
  if (body.emailToken !== undefined) {
    for (const key of ['language', 'secondPhone', 'email'] as const) if (body[key] !== undefined) context.addIssue({ code: 'custom', path: [key], message: 'email_token_alone' });
  } else if (body.language === undefined) context.addIssue({ code: 'custom', path: ['language'], message: 'required' });
})));

export const contactsResponse = /* @__PURE__ */ lazy(() => z.object({
  contacts: z.object({
    language: z.enum(['kk', 'ru', 'en']),
    languageChosen: z.boolean(),
    /** The first phone, masked (e.g. `+7 7** *** **34`). */
    phone: z.string(),
    secondPhone: z.optional(z.string()),
    /** The e-mail, to its owner only; it receives notices once verified. */
    email: z.optional(z.string()),
    emailVerified: z.optional(z.boolean()),
    /** On a save with an unconfirmed address: a new link went out (`sent`), or the hour's links were used up and the last one still works (`held`). */
    verificationMail: z.optional(z.enum(['sent', 'held'])),
  }),
}));

export const markReadResponse = /* @__PURE__ */ lazy(() => z.object({ marked: z.int() }));

/** The audit trail's record types (`functions/domain/audit.ts`). */
export const auditRecordTypes = ['application', 'kindergarten', 'campaign', 'export', 'import', 'queue', 'audit', 'staff-account'] as const;

/** A day on the calendar (not 2026-13-45 or 2026-02-30, which the day's bounds cannot be computed for). */
const auditDate = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_format' }), z.refine((date) => {
    const day = new Date(`${date}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date;
  }, { message: 'date_format' })));

/** The administrator's filters over the audit trail: a person or a record, an action, a date range (Kazakhstan days). */
export const auditQuery = /* @__PURE__ */ lazy(() => z.strictObject({
  accountId: z.optional(z.string().check(z.regex(/^[\w.@#-]{1,120}$/, { message: 'id_invalid' }))),
  recordType: z.optional(z.enum(auditRecordTypes)),
  recordId: z.optional(idSchemas.application),
  action: z.optional(z.string().check(z.regex(/^[a-z]+(\.[a-z-]+)+$/, { message: 'id_invalid' }))),
  from: z.optional(auditDate()),
  to: z.optional(auditDate()),
  /** The key of the last event of the previous page (`<ISO time>#<event id>`), base64url; only the sort key travels. */
  cursor: z.optional(z.pipe(
    z.string().check(z.maxLength(300), z.regex(/^[\w-]+$/, { message: 'cursor_invalid' })),
    z.transform((text: string, context) => {
      const key = Buffer.from(text, 'base64url').toString('utf8');
      if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[\w-]{1,60}$/.test(key)) return key;
      context.issues.push({ code: 'custom', message: 'cursor_invalid', input: text });
      return z.NEVER;
    }),
  )),
}).check(z.superRefine((query, context) => {
  if ((query.recordType === undefined) !== (query.recordId === undefined)) context.addIssue({ code: 'custom', path: ['recordId'], message: 'id_invalid' });
})));

export const auditEventView = /* @__PURE__ */ lazy(() => z.object({
  eventId: z.string(),
  at: z.string(),
  actor: z.object({ role: z.string(), accountId: z.string() }),
  action: z.string(),
  record: z.optional(z.object({ type: z.enum(auditRecordTypes), id: z.string() })),
  outcome: z.string(),
}));

export const auditEventsResponse = /* @__PURE__ */ lazy(() => z.object({ events: z.array(auditEventView()), cursor: z.optional(z.string()) }));
export const auditExportResponse = /* @__PURE__ */ lazy(() => z.object({ fileName: z.string(), csv: z.string(), rows: z.int(), truncated: z.boolean() }));

/** The page's own host name (`location.hostname`): the department whose site it is. */
export const publicSiteQuery = /* @__PURE__ */ lazy(() => z.strictObject({ host: z.string().check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9.-]{1,253}$/)) }));
export const publicSiteResponse = /* @__PURE__ */ lazy(() => z.object({
  site: z.object({
    tenantId: z.string(),
    name: localized(),
    /** The department's office, for parents: never a person's data. */
    contacts: z.object({ phone: z.optional(z.string()), email: z.optional(z.string()), address: z.optional(localized()), hours: z.optional(localized()) }),
    languages: z.array(z.enum(['kk', 'ru', 'en'])),
  }),
}));

/** The token of a one-time set-password link (256 bits, base64url) and the new password. */
const invitationToken = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^[\w-]{43}$/)));
export const staffEnrolmentRequest = /* @__PURE__ */ lazy(() => z.strictObject({ token: invitationToken() }));
export const staffEnrolmentResponse = /* @__PURE__ */ lazy(() => z.object({
  login: z.string(),
  /** The RFC 6238 secret, base32 (160 bits), for typing into an authenticator app. */
  secret: z.string(),
  /** The same as an `otpauth://totp/` URI, for a QR code. */
  uri: z.string(),
}));
export const staffPasswordRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  token: invitationToken(),
  password: z.string().check(z.minLength(12, { message: 'password_length' }), z.maxLength(200)),
  /** A current code of the secret the enrolment gave: confirms the authenticator holds it. */
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/, { message: 'totp_code' })),
}));
export const staffPasswordResponse = /* @__PURE__ */ lazy(() => z.object({
  login: z.string(),
  /** Ten single-use recovery codes, shown this once (only their hashes are kept). */
  recoveryCodes: z.array(z.string()),
}));
export const secondFactorResponse = /* @__PURE__ */ lazy(() => z.object({
  /** Whether the account has an authenticator enrolled. */
  enrolled: z.boolean(),
  /** How many of the ten recovery codes are left. */
  recoveryCodesLeft: z.int(),
}));

/** A staff login: an email address, compared in lower case. */
const staffLogin = /* @__PURE__ */ lazy(() => z.pipe(z.string().check(z.trim(), z.toLowerCase(), z.maxLength(100)), z.email({ message: 'staff_login_format' })));
const staffRole = /* @__PURE__ */ lazy(() => z.enum(staffRoles));

export const staffLoginParams = /* @__PURE__ */ lazy(() => z.strictObject({ login: staffLogin() }));

const staffAccount = /* @__PURE__ */ lazy(() => z.object({
  login: z.string(),
  displayName: z.string(),
  role: staffRole(),
  status: z.enum(['active', 'disabled']),
  /** False until the holder sets a password with their one-time link. */
  hasPassword: z.boolean(),
  /** Sent back with a change: a change decided on an older version is refused (409). */
  version: z.int(),
  /** The caller's own account. */
  self: z.boolean(),
}));

export const staffAccountsResponse = /* @__PURE__ */ lazy(() => z.object({ accounts: z.array(staffAccount()) }));
export const staffAccountResponse = /* @__PURE__ */ lazy(() => z.object({ account: staffAccount() }));

/** A one-time set-password link: its path on the department's site (the token in the fragment) and its expiry. */
const setPasswordLinkResponse = /* @__PURE__ */ lazy(() => z.object({ path: z.string(), expiresAt: z.string() }));
export const staffAccountLinkResponse = /* @__PURE__ */ lazy(() => z.object({ account: staffAccount(), link: setPasswordLinkResponse() }));

export const createStaffRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  login: staffLogin(),
  displayName: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  role: staffRole(),
}));

export const updateStaffRequest = /* @__PURE__ */ lazy(() => z.strictObject({
  version: z.int().check(z.minimum(0), z.maximum(1_000_000)),
  role: z.optional(staffRole()),
  active: z.optional(z.boolean()),
}).check(z.refine((change) => change.role !== undefined || change.active !== undefined, { message: 'staff_change_empty', path: ['role'] })));

export const staffPasswordResetRequest = /* @__PURE__ */ lazy(() => z.strictObject({ version: z.int().check(z.minimum(0), z.maximum(1_000_000)) }));

/** A whole number in a range; every refusal (type, fraction, range) names the field's own message. */
const wholeIn = (min: number, max: number, message: string) => z.int({ message }).check(z.minimum(min, { message }), z.maximum(max, { message }));
const officeText = /* @__PURE__ */ lazy(() => z.string().check(z.trim(), z.minLength(1, { message: 'settings_text' }), z.maxLength(200, { message: 'settings_text' })));
const officeLocalized = /* @__PURE__ */ lazy(() => z.strictObject({ kk: officeText(), ru: officeText(), en: officeText() }));
const distinct = <T>(values: readonly T[]) => new Set(values).size === values.length;

/** The department's settings as the administrator edits them (SPEC "Department policy"). */
export const settingsFields = /* @__PURE__ */ lazy(() => ({
  policy: z.strictObject({
    campaignLengthMonths: wholeIn(1, 12, 'settings_campaign_length'),
    confirmationAgeYears: wholeIn(0, 7, 'settings_age_years'),
    extensionYears: wholeIn(1, 5, 'settings_extension_years'),
    referralValidityWorkingDays: wholeIn(1, 60, 'settings_working_days'),
    referralStopWorkingDays: wholeIn(1, 60, 'settings_working_days'),
    reminderDaysBeforeEnd: z.array(wholeIn(1, 60, 'settings_reminder_days'), { message: 'settings_reminders' }).check(z.maxLength(5, { message: 'settings_reminders' }), z.refine(distinct, { message: 'settings_reminders' })),
    queueRatio: z.strictObject({ priority: wholeIn(1, 10, 'settings_ratio'), general: wholeIn(1, 10, 'settings_ratio') }),
    priorityCategories: z.array(z.enum(offerablePriorityCategories, { message: 'priority_unknown' }), { message: 'settings_priorities' }).check(z.maxLength(5, { message: 'settings_priorities' }), z.refine(distinct, { message: 'settings_priorities' })),
  }),
  surveyVersion: z.string({ message: 'settings_survey_version' }).check(z.minLength(1, { message: 'settings_survey_version' }), z.maxLength(40, { message: 'settings_survey_version' })),
  contacts: z.strictObject({
    phone: z.optional(z.string().check(z.regex(/^\+7\d{10}$/, { message: 'phone_format' }))),
    email: z.optional(z.pipe(z.string().check(z.maxLength(100, { message: 'settings_email' })), z.email({ message: 'settings_email' }))),
    address: z.optional(officeLocalized()),
    hours: z.optional(officeLocalized()),
  }),
  languages: z.array(z.enum(['kk', 'ru', 'en'], { message: 'settings_languages' }), { message: 'settings_languages' }).check(z.minLength(1, { message: 'settings_languages' }), z.maxLength(3, { message: 'settings_languages' }), z.refine(distinct, { message: 'settings_languages' })),
}));

/** A save: the whole form, over the version it was read at (a stale one is refused, 409). */
export const saveSettingsRequest = /* @__PURE__ */ lazy(() => z.strictObject({ version: z.int().check(z.minimum(0), z.maximum(1_000_000)), ...settingsFields() }));

const settingsView = /* @__PURE__ */ lazy(() => z.object({
  version: z.int(),
  updatedAt: z.optional(z.string()),
  /** The administrator who saved it (account id). */
  updatedBy: z.optional(z.string()),
  policy: z.object({
    campaignLengthMonths: z.int(),
    confirmationAgeYears: z.int(),
    extensionYears: z.int(),
    referralValidityWorkingDays: z.int(),
    referralStopWorkingDays: z.int(),
    reminderDaysBeforeEnd: z.array(z.int()),
    queueRatio: z.object({ priority: z.int(), general: z.int() }),
    priorityCategories: z.array(z.string()),
  }),
  surveyVersion: z.string(),
  contacts: z.object({ phone: z.optional(z.string()), email: z.optional(z.string()), address: z.optional(localized()), hours: z.optional(localized()) }),
  languages: z.array(z.enum(['kk', 'ru', 'en'])),
}));

/** The settings with what the form offers to choose from. */
export const settingsResponse = /* @__PURE__ */ lazy(() => z.object({
  settings: settingsView(),
  choices: z.object({ surveyVersions: z.array(z.string()), priorityCategories: z.array(z.string()) }),
}));

/** The help desk's search: a child's IIN, the start of a child's name, or an application number. */
export const applicationSearchQuery = /* @__PURE__ */ lazy(() => z.strictObject({
  q: z.string().check(z.trim(), z.minLength(2, { message: 'search_text' }), z.maxLength(100, { message: 'search_text' })),
}));
/** The applications found (IINs masked), at most `limit`. */
export const applicationSearchResponse = /* @__PURE__ */ lazy(() => z.object({ entries: z.array(queueEntry()), limit: z.int() }));
