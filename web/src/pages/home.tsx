import { usePublicCampaign } from '../campaign.ts';
import { CampaignBannerSlot } from '../components/campaign-banner-slot.tsx';
import { DepartmentContacts } from '../components/department-contacts.tsx';
import { Layout } from '../components/layout.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

/**
 * The public home page, for a parent on a phone: what this is, the campaign (above the fold, its
 * room kept while it loads), the way in, then help, contacts and the personal-data notice. Staff
 * find their way in at the bottom.
 */
export function HomePage() {
  const { t } = useI18n();
  const campaign = usePublicCampaign();
  return (
    <Layout>
      <PageHeading>{t.home.title}</PageHeading>
      <CampaignBannerSlot campaign={campaign} />
      <p>
        <Link href="/login" class="button" data-qa="parent-login-link">
          {t.home.parentLogin}
        </Link>
      </p>
      <p class="lead">{t.home.intro}</p>
      <section aria-labelledby="help-heading" class="home-section" data-qa="home-help">
        <h2 id="help-heading">{t.help.heading}</h2>
        <ul class="plain-list home-help">
          <li>{t.help.login}</li>
          <li>{t.help.confirm}</li>
          <li>{t.help.stopList}</li>
        </ul>
        <h3>{t.help.contactsHeading}</h3>
        <DepartmentContacts tenantName={campaign?.tenantName} />
      </section>
      <section aria-labelledby="privacy-heading" class="home-section" data-qa="privacy-notice">
        <h2 id="privacy-heading">{t.help.privacyHeading}</h2>
        <p>{t.help.privacy}</p>
      </section>
      <p class="home-staff">
        <Link href="/staff/login" data-qa="staff-login-link">
          {t.home.staffLogin}
        </Link>
      </p>
    </Layout>
  );
}
