import { NotFoundPage } from '../pages/not-found.tsx';
import { ApplicationPage } from './application-page.tsx';
import { CampaignsPage } from './campaigns-page.tsx';
import { ImportPage } from './import-page.tsx';
import { KindergartensPage } from './kindergartens-page.tsx';
import { QueuePage } from './queue-page.tsx';
import { RegisterPage } from './register-page.tsx';

/**
 * The staff console, loaded on demand (`import()` in app.tsx) so parents never download it.
 * `path` is already normalised (no trailing slash).
 */
export function StaffConsole({ path }: { path: string }) {
  if (path === '/staff') return <KindergartensPage />;
  if (path === '/staff/queue') return <QueuePage />;
  if (path === '/staff/import') return <ImportPage />;
  if (path === '/staff/campaigns') return <CampaignsPage />;
  if (path === '/staff/applications/new') return <RegisterPage />;
  const application = /^\/staff\/applications\/([^/]+)$/.exec(path)?.[1];
  if (application) return <ApplicationPage key={application} applicationId={decodeURIComponent(application)} />;
  return <NotFoundPage />;
}
