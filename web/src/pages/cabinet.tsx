import type { CabinetApplications } from '../api-types.ts';
import { ApplicationCard } from '../components/application-card.tsx';
import { Layout } from '../components/layout.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { useSessionPage } from '../use-session-page.ts';

/** The parent's cabinet: one card per application. */
export function CabinetPage() {
  const { t } = useI18n();
  const page = useSessionPage<CabinetApplications>('/api/cabinet/applications', '/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  return (
    <Layout identity={identity}>
      <PageHeading>{t.cabinet.title}</PageHeading>
      <LiveStatus message={page.state === 'loading' ? t.common.loading : ''} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {page.state === 'ready' && (
        <section aria-labelledby="applications-heading">
          <h2 id="applications-heading">{t.cabinet.applicationsHeading}</h2>
          {page.data.applications.length === 0 ? (
            <p data-qa="applications-empty">{t.cabinet.empty}</p>
          ) : (
            <div class="cards">
              {page.data.applications.map((application) => (
                <ApplicationCard key={application.applicationId} application={application} />
              ))}
            </div>
          )}
        </section>
      )}
    </Layout>
  );
}
