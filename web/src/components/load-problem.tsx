import { failureMessage } from '../api.ts';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';
import type { SessionPage } from '../use-session-page.ts';

/** What a logged-in page shows when its data could not be had: not allowed, or a failure. */
export function LoadProblem({ page }: { page: SessionPage<unknown> & { state: 'forbidden' | 'failed' } }) {
  const { t } = useI18n();
  const message = page.state === 'forbidden' ? t.common.forbidden : failureMessage(page.failure, t);
  return (
    <div class="notice notice--problem" role="alert" data-qa={page.state === 'forbidden' ? 'not-allowed' : 'load-failed'}>
      <p>{message}</p>
      <p>
        <Link href="/">{t.common.toHome}</Link>
      </p>
    </div>
  );
}
