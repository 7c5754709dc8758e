import { Layout } from '../components/layout.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Layout>
      <PageHeading>{t.notFound.title}</PageHeading>
      <p>{t.notFound.text}</p>
      <p>
        <Link href="/" data-qa="not-found-home">
          {t.common.toHome}
        </Link>
      </p>
    </Layout>
  );
}
