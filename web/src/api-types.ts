import type { z } from 'zod';
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
  markReadResponse,
  notificationsResponse,
  parentCodeResponse,
  publicCampaignResponse,
  publicSiteResponse,
  staffPasswordResponse,
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

export type Identity = z.infer<typeof identityResponse>;
export type AuditEvents = z.infer<typeof auditEventsResponse>;
export type AuditExport = z.infer<typeof auditExportResponse>;
export type SiteAnswer = z.infer<typeof publicSiteResponse>;
export type Site = SiteAnswer['site'];
export type StaffPasswordAnswer = z.infer<typeof staffPasswordResponse>;
export type ParentCodeSent = z.infer<typeof parentCodeResponse>;
export type CabinetApplications = z.infer<typeof cabinetApplicationsResponse>;
export type CabinetApplication = CabinetApplications['applications'][number];
export type ParentApplicationAnswer = z.infer<typeof applicationResponse>;
export type StaffApplicationAnswer = z.infer<typeof staffApplicationResponse>;
export type StaffApplication = StaffApplicationAnswer['application'];
export type StaffApplicationPageAnswer = z.infer<typeof staffApplicationPageResponse>;
export type ApplicantPhone = NonNullable<StaffApplicationPageAnswer['applicantPhone']>;
export type ApplicantPhoneAnswer = z.infer<typeof changeApplicantPhoneResponse>;
export type PositionChange = CabinetApplication['positionLog'][number];
export type HistoryEvent = CabinetApplication['history'][number];
export type StaffKindergartens = z.infer<typeof staffKindergartensResponse>;
export type StaffKindergarten = StaffKindergartens['kindergartens'][number];
export type CreateKindergarten = z.infer<typeof createKindergartenRequest>;
export type UpdateKindergarten = z.infer<typeof updateKindergartenRequest>;
export type KindergartenAnswer = z.infer<typeof kindergartenResponse>;
export type KindergartenForm = z.infer<typeof kindergartenFormResponse>;
export type Districts = z.infer<typeof districtsResponse>;
export type SettingsAnswer = z.infer<typeof settingsResponse>;
export type ApplicationSearch = z.infer<typeof applicationSearchResponse>;
export type SaveSettings = z.infer<typeof saveSettingsRequest>;
export type Queue = z.infer<typeof queueResponse>;
export type QueueEntry = Queue['entries'][number];
export type RegisterApplication = z.infer<typeof registerApplicationRequest>;
export type ImportKind = (typeof importKinds)[number];
export type ImportChecked = z.infer<typeof importCheckResponse>;
export type ImportWritten = z.infer<typeof importRowsResponse>;
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
export type ApiErrorBody = z.infer<typeof errorResponse>['error'] & {
  readonly params?: Readonly<Record<string, string>>;
  readonly rows?: readonly ImportProblem[];
};
export type PublicCampaign = NonNullable<z.infer<typeof publicCampaignResponse>['campaign']>;
export type PublicCampaignAnswer = z.infer<typeof publicCampaignResponse>;
export type Campaigns = z.infer<typeof campaignsResponse>;
export type CampaignAnswer = z.infer<typeof campaignResponse>;
export type Campaign = CampaignAnswer['campaign'];
export type CampaignStatus = Campaign['status'];
export type CampaignPreview = z.infer<typeof campaignPreviewResponse>;
export type CreateCampaign = z.infer<typeof createCampaignRequest>;
export type LoggedOut = { loggedOut: true };
export type SurveyData = z.infer<typeof surveyView>;
export type SurveyQuestion = SurveyData['definition']['questions'][number];
export type SurveyOption = NonNullable<SurveyQuestion['options']>[number];
export type SurveyKindergarten = SurveyData['kindergartens'][number];
export type SurveyDistrict = SurveyData['districts'][number];
export type SurveySubmitted = z.infer<typeof surveySubmitResponse>;
export type Notifications = z.infer<typeof notificationsResponse>;
export type Notice = Notifications['notifications'][number];
export type MarkRead = z.infer<typeof markReadRequest>;
export type MarkedRead = z.infer<typeof markReadResponse>;
export type Dashboard = z.infer<typeof campaignDashboardResponse>;
export type DashboardKindergarten = Dashboard['kindergartens'][number];
export type DashboardDistrict = Dashboard['districts'][number];
export type DashboardQuestion = Dashboard['questions'][number];
export type DashboardOption = DashboardQuestion['options'][number];
export type DashboardDay = Dashboard['byDay'][number];
export type ExportKind = (typeof exportKinds)[number];
export type ExportAnswer = z.infer<typeof exportResponse>;
export type CampaignExport = ExportAnswer['export'];

export type StaffAccounts = z.infer<typeof staffAccountsResponse>;
export type StaffAccount = StaffAccounts['accounts'][number];
export type StaffRole = StaffAccount['role'];
export type StaffAccountLink = z.infer<typeof staffAccountLinkResponse>['link'];
