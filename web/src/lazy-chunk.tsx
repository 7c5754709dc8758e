import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Layout } from './components/layout.tsx';
import { LiveStatus } from './components/live-status.tsx';
import { PageHeading } from './components/page-heading.tsx';
import { useI18n } from './i18n/context.tsx';
import type { Messages } from './i18n/ru.ts';

/**
 * A part of the app in a chunk of its own (the staff console, the survey), fetched the first time
 * one of its pages opens, so the pages most parents see stay small. While it loads the page says
 * so; a failed fetch (network) says that instead of showing a blank page.
 */
export function lazyChunk<M>(load: () => Promise<M>, failedTitle: (t: Messages) => string) {
  let loaded: M | undefined;
  return function ChunkLoader({ render }: { render: (module: M) => ComponentChildren }) {
    const { t } = useI18n();
    const [module, setModule] = useState(loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (module) return;
      load().then(
        (imported) => {
          loaded = imported;
          setModule(() => imported);
        },
        () => setFailed(true),
      );
    }, []);
    if (module) return <>{render(module)}</>;
    return (
      <Layout>
        {failed ? (
          <>
            <PageHeading>{failedTitle(t)}</PageHeading>
            <p class="notice notice--problem" role="alert" data-qa="load-failed">
              {t.common.networkError}
            </p>
          </>
        ) : (
          <LiveStatus message={t.common.loading} />
        )}
      </Layout>
    );
  };
}
