import { CampaignBannerSlot } from '../components/campaign-banner-slot.tsx';
import { Layout } from '../components/layout.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

export function HomePage() {
  const { t } = useI18n();
  return (
    <Layout>
      <PageHeading>{t.home.title}</PageHeading>
      <p class="lead">{t.home.intro}</p>
      <div class="button-group">
        <Link href="/login" class="button" data-qa="parent-login-link">
          {t.home.parentLogin}
        </Link>
        <Link href="/staff/login" class="button button--secondary" data-qa="staff-login-link">
          {t.home.staffLogin}
        </Link>
      </div>
      {/* After the page's own content: the banner arrives with an API answer, and above the
          heading it pushed the whole page down (Lighthouse: layout shift 0.24, score 87). */}
      <CampaignBannerSlot />
    </Layout>
  );
}
