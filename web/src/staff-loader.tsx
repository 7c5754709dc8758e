import { useEffect, useState } from 'preact/hooks';
import { Layout } from './components/layout.tsx';
import { LiveStatus } from './components/live-status.tsx';
import { PageHeading } from './components/page-heading.tsx';
import { useI18n } from './i18n/context.tsx';

type ConsoleModule = typeof import('./staff/console.tsx');
let loaded: ConsoleModule | undefined;

/**
 * The staff console is a chunk of its own, fetched the first time a staff page opens, so the
 * parents' pages stay small. A failed fetch (network) says so instead of a blank page.
 */
export function StaffConsoleLoader({ path }: { path: string }) {
  const { t } = useI18n();
  const [module, setModule] = useState(loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (module) return;
    import('./staff/console.tsx').then(
      (imported) => {
        loaded = imported;
        setModule(imported);
      },
      () => setFailed(true),
    );
  }, []);
  if (module) return <module.StaffConsole path={path} />;
  return (
    <Layout>
      {failed ? (
        <>
          <PageHeading>{t.common.staffConsole}</PageHeading>
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
