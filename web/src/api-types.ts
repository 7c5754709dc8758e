import type { z } from 'zod/mini';
import type {
  auditEventsResponse,
  auditExportResponse,
  applicationResponse,
  cabinetApplicationsResponse,
  campaignDashboardResponse,
  campaignPreviewResponse,
  campaignResponse,
  campaignsResponse,
  createCampaignRequest,
  errorResponse,
  exportKinds,
  exportResponse,
  identityResponse,
  importCheckResponse,
  importKinds,
  importRowsResponse,
  markReadRequest,
  contactsRequest,
  contactsResponse,
  markReadResponse,
  notificationsResponse,
  parentCodeResponse,
  publicCampaignResponse,
  publicSiteResponse,
  staffPasswordResponse,
  staffEnrolmentResponse,
  secondFactorResponse,
  queueResponse,
  registerApplicationRequest,
  staffApplicationResponse,
  staffApplicationPageResponse,
  changeApplicantPhoneResponse,
  staffKindergartensResponse,
  createKindergartenRequest,
  updateKindergartenRequest,
  kindergartenResponse,
  kindergartenFormResponse,
  districtsResponse,
  settingsResponse,
  applicationSearchResponse,
  saveSettingsRequest,
  surveySubmitResponse,
  surveyView,
  staffAccountsResponse,
  staffAccountLinkResponse,
} from '#http/schemas';

/*
 * The API's shapes, taken from the server's zod schemas so the page and the API cannot drift
 * apart. Type-only imports: nothing of zod reaches the bundle.
 */

export type Identity = z.infer<ReturnType<typeof identityResponse>>;
export type AuditEvents = z.infer<ReturnType<typeof auditEventsResponse>>;
export type AuditExport = z.infer<ReturnType<typeof auditExportResponse>>;
export type SiteAnswer = z.infer<ReturnType<typeof publicSiteResponse>>;
export type Site = SiteAnswer['site'];
export type StaffPasswordAnswer = z.infer<ReturnType<typeof staffPasswordResponse>>;
export type StaffEnrolment = z.infer<ReturnType<typeof staffEnrolmentResponse>>;
export type OwnSecondFactor = z.infer<ReturnType<typeof secondFactorResponse>>;
export type ParentCodeSent = z.infer<ReturnType<typeof parentCodeResponse>>;
export type CabinetApplications = z.infer<ReturnType<typeof cabinetApplicationsResponse>>;
export type CabinetApplication = CabinetApplications['applications'][number];
export type ParentApplicationAnswer = z.infer<ReturnType<typeof applicationResponse>>;
export type StaffApplicationAnswer = z.infer<ReturnType<typeof staffApplicationResponse>>;
export type StaffApplication = StaffApplicationAnswer['application'];
export type StaffApplicationPageAnswer = z.infer<ReturnType<typeof staffApplicationPageResponse>>;
export type ApplicantPhone = NonNullable<StaffApplicationPageAnswer['applicantPhone']>;
export type ApplicantPhoneAnswer = z.infer<ReturnType<typeof changeApplicantPhoneResponse>>;
export type PositionChange = CabinetApplication['positionLog'][number];
export type HistoryEvent = CabinetApplication['history'][number];
export type StaffKindergartens = z.infer<ReturnType<typeof staffKindergartensResponse>>;
export type StaffKindergarten = StaffKindergartens['kindergartens'][number];
export type CreateKindergarten = z.infer<ReturnType<typeof createKindergartenRequest>>;
export type UpdateKindergarten = z.infer<ReturnType<typeof updateKindergartenRequest>>;
export type KindergartenAnswer = z.infer<ReturnType<typeof kindergartenResponse>>;
export type KindergartenForm = z.infer<ReturnType<typeof kindergartenFormResponse>>;
export type Districts = z.infer<ReturnType<typeof districtsResponse>>;
export type SettingsAnswer = z.infer<ReturnType<typeof settingsResponse>>;
export type ApplicationSearch = z.infer<ReturnType<typeof applicationSearchResponse>>;
export type SaveSettings = z.infer<ReturnType<typeof saveSettingsRequest>>;
export type Queue = z.infer<ReturnType<typeof queueResponse>>;
export type QueueEntry = Queue['entries'][number];
export type RegisterApplication = z.infer<ReturnType<typeof registerApplicationRequest>>;
export type ImportKind = (typeof importKinds)[number];
export type ImportChecked = z.infer<ReturnType<typeof importCheckResponse>>;
export type ImportWritten = z.infer<ReturnType<typeof importRowsResponse>>;
/** A bad row of a rejected import (`import_rejected`). */
export interface ImportProblem {
  readonly line: number;
  readonly column?: string | number;
  readonly message: string;
}
/**
 * The error body. `params` (e.g. a date in the message) and `rows` (a rejected import) are sent
 * by the server but not yet declared in `errorResponse`.
 */
export type ApiErrorBody = z.infer<ReturnType<typeof errorResponse>>['error'] & {
  readonly params?: Readonly<Record<string, string>>;
  readonly rows?: readonly ImportProblem[];
  /** How many problems the rejected import has; `rows` lists the first of them. */
  readonly rowsTotal?: number;
};
export type PublicCampaign = NonNullable<z.infer<ReturnType<typeof publicCampaignResponse>>['campaign']>;
export type PublicCampaignAnswer = z.infer<ReturnType<typeof publicCampaignResponse>>;
export type Campaigns = z.infer<ReturnType<typeof campaignsResponse>>;
export type CampaignAnswer = z.infer<ReturnType<typeof campaignResponse>>;
export type Campaign = CampaignAnswer['campaign'];
export type CampaignStatus = Campaign['status'];
export type CampaignPreview = z.infer<ReturnType<typeof campaignPreviewResponse>>;
export type CreateCampaign = z.infer<ReturnType<typeof createCampaignRequest>>;
export type LoggedOut = { loggedOut: true };
export type SurveyData = z.infer<ReturnType<typeof surveyView>>;
export type SurveyQuestion = SurveyData['definition']['questions'][number];
/** A question of one kind (`functions/domain/question-kinds`): the web has one view per kind. */
export type SurveyQuestionOf<K extends SurveyQuestion['kind']> = Extract<SurveyQuestion, { kind: K }>;
export type SurveyOption = SurveyQuestionOf<'single' | 'multiple'>['options'][number];
export type SurveyKindergarten = SurveyData['kindergartens'][number];
export type SurveyDistrict = SurveyData['districts'][number];
export type SurveySubmitted = z.infer<ReturnType<typeof surveySubmitResponse>>;
export type Notifications = z.infer<ReturnType<typeof notificationsResponse>>;
export type Notice = Notifications['notifications'][number];
export type Contacts = z.infer<ReturnType<typeof contactsResponse>>['contacts'];
export type ContactsInput = z.infer<ReturnType<typeof contactsRequest>>;
export type MarkRead = z.infer<ReturnType<typeof markReadRequest>>;
export type MarkedRead = z.infer<ReturnType<typeof markReadResponse>>;
export type Dashboard = z.infer<ReturnType<typeof campaignDashboardResponse>>;
export type DashboardKindergarten = Dashboard['kindergartens'][number];
export type DashboardDistrict = Dashboard['districts'][number];
export type DashboardQuestion = Dashboard['questions'][number];
export type DashboardOption = DashboardQuestion['options'][number];
export type DashboardDay = Dashboard['byDay'][number];
export type ExportKind = (typeof exportKinds)[number];
export type ExportAnswer = z.infer<ReturnType<typeof exportResponse>>;
export type CampaignExport = ExportAnswer['export'];

export type StaffAccounts = z.infer<ReturnType<typeof staffAccountsResponse>>;
export type StaffAccount = StaffAccounts['accounts'][number];
export type StaffRole = StaffAccount['role'];
export type StaffAccountLink = z.infer<ReturnType<typeof staffAccountLinkResponse>>['link'];
