import type { AccountStore, ApplicationStore, AuthStore, ExportStore, KindergartenStore, NotificationStore, SurveyStore, TenantStore } from './stores.ts';
import type { FileStore } from './files.ts';
import type { Scheduler } from './scheduler.ts';
import type { CampaignStore } from './campaigns.ts';
import type { Notifier } from './notifier.ts';
import type { Mailer } from './mailer.ts';
import type { DeliveryQueue } from './delivery-queue.ts';
import type { AuditTrail } from './audit.ts';
import type { DepartmentStore } from './departments.ts';
import type { StaffStore } from './staff.ts';
import type { OriginSecrets } from './origin-secrets.ts';
import type { UnitOfWork } from './unit-of-work.ts';

/** What use cases get from the outside world. Handlers take it from `dependencies()`. */
export interface Dependencies {
  readonly tenants: TenantStore;
  readonly departments: DepartmentStore;
  readonly staff: StaffStore;
  readonly applications: ApplicationStore;
  readonly kindergartens: KindergartenStore;
  readonly accounts: AccountStore;
  readonly auth: AuthStore;
  readonly campaigns: CampaignStore;
  readonly notifications: NotificationStore;
  readonly surveys: SurveyStore;
  /** Commits several stores' intents as one change (`ApplicationStore.transitions`, `NotificationStore.notice`, ...). */
  readonly unitOfWork: UnitOfWork;
  readonly exports: ExportStore;
  readonly audit: AuditTrail;
  readonly files: FileStore;
  readonly notifier: Notifier;
  /** E-mail (SES v2 in AWS; `.eml` files locally); without a configured mail domain it refuses every message (`MailDisabled`). */
  readonly mailer: Mailer;
  /** The outbox's queue to the sender (SQS in AWS). */
  readonly deliveries: DeliveryQueue;
  readonly scheduler: Scheduler;
  /** What proves a request came through CloudFront (`functions/http/client-address.ts`). */
  readonly originSecrets: OriginSecrets;
  readonly clock: () => Date;
  /** Multiplies the abuse limits' maximums (`functions/domain/rate-limits.ts`): 1 in AWS. */
  readonly rateLimitScale: number;
  /** The public site's URL (`SITE_URL`), named in SMS so parents know where to act; '' if unknown. */
  readonly siteUrl: string;
  /** Secure cookies everywhere but plain-HTTP localhost. */
  readonly cookieSecure: boolean;
  /**
   * The local runtime (`npm start`, tests), never AWS: `KEZEK_LOCAL_RUNTIME=true`, which only
   * `local/runtime.ts` sets. The web app offers demo-only controls (a campaign of a few minutes) then.
   */
  readonly localRuntime: boolean;
}
