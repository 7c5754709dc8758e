import { useEffect, useState } from 'preact/hooks';
import { Layout } from './components/layout.tsx';
import { LiveStatus } from './components/live-status.tsx';
import { PageHeading } from './components/page-heading.tsx';
import { useI18n } from './i18n/context.tsx';

type SurveyModule = typeof import('./survey/survey-pages.ts');
let loaded: SurveyModule | undefined;

/**
 * The survey's pages are a chunk of their own, fetched when one opens (during a campaign, right
 * after login), so the home page and the cabinet stay small the rest of the year.
 */
function SurveyLoader({ page }: { page: 'survey' | 'view' }) {
  const { t } = useI18n();
  const [module, setModule] = useState(loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (module) return;
    import('./survey/survey-pages.ts').then(
      (imported) => {
        loaded = imported;
        setModule(imported);
      },
      () => setFailed(true),
    );
  }, []);
  if (module) return page === 'survey' ? <module.SurveyPage /> : <module.SurveyViewPage />;
  return (
    <Layout>
      {failed ? (
        <>
          <PageHeading>{t.survey.viewTitle}</PageHeading>
          <p class="notice notice--problem" role="alert" data-qa="load-failed">
            {t.common.networkError}
          </p>
        </>
      ) : (
        <LiveStatus message={t.common.loading} />
      )}
    </Layout>
  );
}

export const SurveyPageLoader = () => <SurveyLoader page="survey" />;
export const SurveyViewPageLoader = () => <SurveyLoader page="view" />;
