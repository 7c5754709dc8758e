import { useState } from 'preact/hooks';
import { failureMessage, isUnauthorized } from '../api.ts';
import { api } from '../client.ts';
import type { Identity } from '../api-types.ts';
import { useI18n } from '../i18n/context.tsx';
import { navigate } from '../router.tsx';

/** Who is logged in, and the way out. */
export function SessionBar({ identity }: { identity: Identity }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const logout = async () => {
    setBusy(true);
    setProblem('');
    const result = await api('POST /api/auth/logout');
    setBusy(false);
    // An expired session is already logged out.
    if (result.ok || isUnauthorized(result.failure)) navigate('/');
    else setProblem(failureMessage(result.failure, t));
  };

  return (
    <div class="session-bar">
      <p class="session-name">
        <span class="visually-hidden">{t.layout.signedInAs} </span>
        <span data-qa="display-name">{identity.displayName}</span>
      </p>
      <button type="button" class="button button--secondary button--small" onClick={logout} disabled={busy} data-qa="logout">
        {busy ? t.common.sending : t.layout.logout}
      </button>
      {problem && (
        <p class="session-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** The session bar's place while the identity loads: the same boxes, invisible and hidden from screen readers. */
export function SessionBarSpace() {
  const { t } = useI18n();
  return (
    <div class="session-bar session-bar--space" aria-hidden="true" data-qa="session-bar-space">
      <p class="session-name">&nbsp;</p>
      <span class="button button--secondary button--small">{t.layout.logout}</span>
    </div>
  );
}
