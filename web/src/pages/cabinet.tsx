import { useState } from 'preact/hooks';
import type { CabinetApplications } from '../api-types.ts';
import { usePublicCampaign } from '../campaign.ts';
import { ApplicationCard } from '../components/application-card.tsx';
import { CampaignBanner } from '../components/campaign-banner-slot.tsx';
import { ConfirmInterest } from '../components/confirm-interest.tsx';
import { Layout } from '../components/layout.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { useSessionPage } from '../use-session-page.ts';

/** The parent's cabinet: the running campaign, if any, then one card per application. */
export function CabinetPage() {
  const { t } = useI18n();
  const [reloads, setReloads] = useState(0);
  const page = useSessionPage<CabinetApplications>('/api/cabinet/applications', '/login', reloads);
  const campaign = usePublicCampaign();
  const identity = page.state === 'loading' ? undefined : page.identity;
  return (
    <Layout identity={identity}>
      {campaign && (
        <CampaignBanner campaign={campaign}>
          {page.state === 'ready' && <ConfirmInterest applications={page.data.applications} onConfirmed={() => setReloads((count) => count + 1)} />}
        </CampaignBanner>
      )}
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
                // A reload (after a confirmation) renews the cards whose status or validity changed.
                <ApplicationCard key={`${application.applicationId}:${application.status}:${application.validUntil}`} application={application} />
              ))}
            </div>
          )}
        </section>
      )}
    </Layout>
  );
}
