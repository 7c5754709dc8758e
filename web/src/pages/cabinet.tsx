import type { CabinetApplication, CabinetApplications } from '../api-types.ts';
import { Layout } from '../components/layout.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Messages } from '../i18n/ru.ts';
import { useSessionPage } from '../use-session-page.ts';

/** The status as a parent reads it; a stop names its reason. */
function statusText(application: CabinetApplication, t: Messages): string {
  if (application.status === 'stopped' && application.stopReason) return t.stopReason[application.stopReason];
  return t.status[application.status];
}

function ApplicationCard({ application }: { application: CabinetApplication }) {
  const { t, language } = useI18n();
  const headingId = `application-${application.applicationId}`;
  return (
    <article class="card" aria-labelledby={headingId} data-qa="application" data-application-id={application.applicationId}>
      <h3 id={headingId} class="card__title" data-qa="application-child">
        {application.childName}
      </h3>
      <p class={`tag tag--${application.status}`} data-qa="application-status" data-status={application.status}>
        {statusText(application, t)}
      </p>
      <dl class="details">
        <div>
          <dt>{t.cabinet.birthDate}</dt>
          <dd>{formatDate(language, application.birthDate)}</dd>
        </div>
        <div>
          <dt>{t.cabinet.registeredAt}</dt>
          <dd>{formatDateTime(language, application.registeredAt)}</dd>
        </div>
        <div>
          <dt>{t.cabinet.validUntil}</dt>
          <dd data-qa="application-valid-until">{formatDate(language, application.validUntil)}</dd>
        </div>
        <div>
          <dt>{t.cabinet.priority}</dt>
          <dd>{t.priority[application.priority]}</dd>
        </div>
        <div>
          <dt>{t.cabinet.language}</dt>
          <dd>{t.instructionLanguage[application.language]}</dd>
        </div>
        <div>
          <dt>{t.cabinet.kindergartens}</dt>
          <dd>
            {application.kindergartens.length === 0 ? (
              t.cabinet.noKindergartens
            ) : (
              <ul class="plain-list">
                {application.kindergartens.map((kindergarten) => (
                  <li key={kindergarten.kindergartenId}>{kindergarten.name[language]}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t.cabinet.applicationNumber}</dt>
          <dd class="mono">{application.applicationId}</dd>
        </div>
      </dl>
    </article>
  );
}

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
