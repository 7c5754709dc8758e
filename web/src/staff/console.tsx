import { NotFoundPage } from '../pages/not-found.tsx';
import { ApplicationPage } from './application-page.tsx';
import { AuditPage } from './audit-page.tsx';
import { CampaignsPage } from './campaigns-page.tsx';
import { DashboardLoader } from './dashboard-loader.tsx';
import { ImportPage } from './import-page.tsx';
import { KindergartenFormPage } from './kindergarten-form-page.tsx';
import { KindergartensPage } from './kindergartens-page.tsx';
import { QueuePage } from './queue-page.tsx';
import { RegisterPage } from './register-page.tsx';
import { SearchPage } from './search-page.tsx';
import { SettingsPage } from './settings-page.tsx';
import { StaffAccountsPage } from './staff-accounts-page.tsx';
import { UnreachablePage } from './unreachable-page.tsx';

/**
 * The staff console, loaded on demand (`import()` in app.tsx) so parents never download it.
 * `path` is already normalised (no trailing slash).
 */
export function StaffConsole({ path }: { path: string }) {
  if (path === '/staff') return <KindergartensPage />;
  if (path === '/staff/queue') return <QueuePage />;
  if (path === '/staff/import') return <ImportPage />;
  if (path === '/staff/campaigns') return <CampaignsPage />;
  if (path === '/staff/audit') return <AuditPage />;
  if (path === '/staff/applications/new') return <RegisterPage />;
  if (path === '/staff/accounts') return <StaffAccountsPage />;
  if (path === '/staff/settings') return <SettingsPage />;
  if (path === '/staff/search') return <SearchPage />;
  if (path === '/staff/unreachable') return <UnreachablePage key={location.search} />;
  if (path === '/staff/kindergartens/new') return <KindergartenFormPage />;
  const kindergarten = /^\/staff\/kindergartens\/([^/]+)$/.exec(path)?.[1];
  if (kindergarten) return <KindergartenFormPage key={kindergarten} kindergartenId={decodeURIComponent(kindergarten)} />;
  const campaign = /^\/staff\/campaigns\/([^/]+)$/.exec(path)?.[1];
  if (campaign) return <DashboardLoader key={campaign} campaignId={decodeURIComponent(campaign)} />;
  const application = /^\/staff\/applications\/([^/]+)$/.exec(path)?.[1];
  if (application) return <ApplicationPage key={application} applicationId={decodeURIComponent(application)} />;
  return <NotFoundPage />;
}
