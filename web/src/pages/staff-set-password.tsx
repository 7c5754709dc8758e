import { useEffect, useMemo, useState } from 'preact/hooks';
import { apiPost } from '../api.ts';
import type { StaffPasswordAnswer } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { Layout } from '../components/layout.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { errorFor, formErrorsFrom, type FormError } from '../forms.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Messages } from '../i18n/ru.ts';
import { Link } from '../router.tsx';

type LocalizedErrors = (t: Messages) => FormError[];
const none: LocalizedErrors = () => [];
const minLength = 12;

/** The token of the one-time link, from the fragment (`#token=…`): browsers never send a fragment to a server. */
function tokenFromLocation(): string {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
}

/** A staff member (first of all a department's first administrator) sets a password with a one-time link. */
export function StaffSetPasswordPage() {
  const { t } = useI18n();
  const [token] = useState(tokenFromLocation);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [doneFor, setDoneFor] = useState<string | undefined>();
  const [errorsOf, setErrorsOf] = useState(() => none);
  const errors = useMemo(() => errorsOf(t), [errorsOf, t]);

  // The token is kept in the page only: out of the address bar, the history and bookmarks.
  useEffect(() => {
    if (location.hash) history.replaceState(null, '', location.pathname);
  }, []);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const problems: LocalizedErrors = (m) => [
      ...(password === '' ? [{ field: 'new-password', message: m.setPassword.passwordMissing }] : []),
      ...(password !== '' && password.length < minLength ? [{ field: 'new-password', message: m.setPassword.passwordShort }] : []),
      ...(password !== '' && repeat !== password ? [{ field: 'repeat-password', message: m.setPassword.repeatMismatch }] : []),
    ];
    if (problems(t).length > 0) return setErrorsOf(() => problems);
    setBusy(true);
    setErrorsOf(() => none);
    const result = await apiPost<StaffPasswordAnswer>('/api/auth/staff/password', { token, password });
    setBusy(false);
    if (result.ok) return setDoneFor(result.data.login);
    const { failure } = result;
    setErrorsOf(() => (m: Messages) => formErrorsFrom(failure, m, { password: 'new-password' }, 'new-password'));
  };

  return (
    <Layout>
      <PageHeading>{t.setPassword.title}</PageHeading>
      {doneFor ? (
        <>
          <p class="lead" role="status" data-qa="set-password-done">
            {t.setPassword.done(doneFor)}
          </p>
          <Link href="/staff/login" class="button" data-qa="set-password-login-link">
            {t.setPassword.toLogin}
          </Link>
        </>
      ) : token === '' ? (
        <p class="lead" data-qa="set-password-no-token">
          {t.setPassword.noToken}
        </p>
      ) : (
        <>
          <p class="lead">{t.setPassword.intro}</p>
          <ErrorSummary errors={errors} />
          <LiveStatus message={busy ? t.common.sending : ''} hidden />
          <form onSubmit={(event) => void onSubmit(event)} noValidate data-qa="set-password-form">
            <TextField
              id="new-password"
              label={t.setPassword.passwordLabel}
              hint={t.setPassword.passwordHint}
              error={errorFor(errors, 'new-password')}
              value={password}
              onValue={setPassword}
              type="password"
              autocomplete="new-password"
              qa="new-password"
            />
            <TextField
              id="repeat-password"
              label={t.setPassword.repeatLabel}
              error={errorFor(errors, 'repeat-password')}
              value={repeat}
              onValue={setRepeat}
              type="password"
              autocomplete="new-password"
              qa="repeat-password"
            />
            <button type="submit" class="button" disabled={busy} data-qa="set-password-submit">
              {busy ? t.common.sending : t.setPassword.submit}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
