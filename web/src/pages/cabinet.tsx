import type { CabinetApplications, PublicCampaign } from '../api-types.ts';
import { usePublicCampaign } from '../campaign.ts';
import { ApplicationCard } from '../components/application-card.tsx';
import { ContactsSection } from '../components/contacts-section.tsx';
import { CampaignBanner, type CampaignStanding } from '../components/campaign-banner-slot.tsx';
import { Layout } from '../components/layout.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { NotificationsSection, useNotices } from '../components/notifications.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';

/**
 * The parent's cabinet: the running campaign, if any, the notices, then one card per application,
 * shown together once the applications, the campaign and the notices have all answered.
 */
export function CabinetPage() {
  const { t } = useI18n();
  const page = useSessionPage('GET /api/cabinet/applications', {}, '/login');
  const campaign = usePublicCampaign();
  const notices = useNotices();
  const identity = page.state === 'loading' ? undefined : page.identity;
  // Everything the page shows comes at once, into space kept for it: nothing on screen moves
  // when an answer arrives (issue 16 item 8: the cabinet jumped as each of them came).
  const settled = page.state !== 'loading' && campaign !== undefined && (page.state !== 'ready' || notices !== undefined);
  return (
    <Layout identity={settled ? identity : undefined} reserveSession>
      <LiveStatus message={settled ? '' : t.common.loading} />
      {!settled && <div class="page-space" data-qa="cabinet-loading" />}
      {settled && campaign && page.state === 'ready' && (
        <CampaignBanner campaign={campaign} standing={standingIn(campaign, page.data.applications)}>
          {standingIn(campaign, page.data.applications).kind !== 'nothing' && <SurveyLink needed={needsConfirmation(page.data.applications)} />}
        </CampaignBanner>
      )}
      {settled && <PageHeading>{t.cabinet.title}</PageHeading>}
      {settled && (page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {settled && page.state === 'ready' && <NotificationsSection {...(notices && { initial: notices })} />}
      {settled && page.state === 'ready' && (
        <section aria-labelledby="applications-heading">
          <h2 id="applications-heading">{t.cabinet.applicationsHeading}</h2>
          {page.data.applications.length === 0 ? (
            <p data-qa="applications-empty">{t.cabinet.empty}</p>
          ) : (
            <div class="cards">
              {page.data.applications.map((application) => (
                <ApplicationCard key={`${application.applicationId}:${application.status}:${application.validUntil}`} application={application} />
              ))}
            </div>
          )}
        </section>
      )}
      {settled && page.state === 'ready' && <ContactsSection />}
    </Layout>
  );
}

/** Whether the parent has something to confirm: an application waiting for it in the running campaign. */
export function needsConfirmation(applications: CabinetApplications['applications']): boolean {
  return applications.some((application) => application.confirmationNeeded);
}

/**
 * What the campaign asks of this parent: a confirmation still due; done (an application confirmed
 * in this campaign's year, valid until its latest validity); or nothing (e.g. children under two).
 */
export function standingIn(campaign: PublicCampaign, applications: CabinetApplications['applications']): CampaignStanding {
  if (needsConfirmation(applications)) return { kind: 'due' };
  const confirmed = applications.filter((a) => a.history.some((event) => event.action === 'confirm' && event.at.startsWith(String(campaign.year))));
  if (confirmed.length === 0) return { kind: 'nothing' };
  return { kind: 'confirmed', validUntil: confirmed.map((a) => a.validUntil).sort().at(-1)! };
}

/** The way to the survey while a campaign runs: a call to action while a confirmation is due. */
function SurveyLink({ needed }: { needed: boolean }) {
  const { t } = useI18n();
  return (
    <div class="campaign-banner__action">
      <p class="hint" id="survey-link-hint">
        {needed ? t.survey.fillInHint : t.survey.openHint}
      </p>
      <Link href="/survey" class={needed ? 'button' : undefined} aria-describedby="survey-link-hint" data-qa="survey-link" data-needed={String(needed)}>
        {needed ? t.survey.fillIn : t.survey.open}
      </Link>
    </div>
  );
}
