import { useMemo, useState } from 'preact/hooks';
import { api } from '../client.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { Layout } from '../components/layout.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { errorFor, formErrorsFrom, type FormError } from '../forms.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Messages } from '../i18n/ru.ts';
import { navigate } from '../router.tsx';

type LocalizedErrors = (t: Messages) => FormError[];
const none: LocalizedErrors = () => [];

/** Staff login with the department's own credentials and the second factor (an authenticator code or a recovery code). */
export function StaffLoginPage() {
  const { t } = useI18n();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [errorsOf, setErrorsOf] = useState(() => none);
  const errors = useMemo(() => errorsOf(t), [errorsOf, t]);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const cleanLogin = login.trim();
    const missing: LocalizedErrors = (m) => [
      ...(cleanLogin === '' ? [{ field: 'login', message: m.staffLogin.loginMissing }] : []),
      ...(password === '' ? [{ field: 'password', message: m.staffLogin.passwordMissing }] : []),
      ...(code.trim() === '' ? [{ field: 'code', message: m.staffLogin.codeMissing }] : []),
    ];
    if (missing(t).length > 0) return setErrorsOf(() => missing);
    setBusy(true);
    setErrorsOf(() => none);
    const result = await api('POST /api/auth/staff/session', { body: { login: cleanLogin, password, code: code.replace(/\s/g, '') } });
    setBusy(false);
    if (result.ok) return navigate('/staff');
    const { failure } = result;
    setErrorsOf(() => (m: Messages) => formErrorsFrom(failure, m, { login: 'login', password: 'password', code: 'code' }, 'login'));
  };

  return (
    <Layout>
      <PageHeading>{t.staffLogin.title}</PageHeading>
      <ErrorSummary errors={errors} />
      <LiveStatus message={busy ? t.common.sending : ''} hidden />
      <form onSubmit={(event) => void onSubmit(event)} noValidate data-qa="staff-login-form">
        <TextField
          id="login"
          label={t.staffLogin.loginLabel}
          hint={t.staffLogin.loginHint}
          error={errorFor(errors, 'login')}
          value={login}
          onValue={setLogin}
          type="email"
          autocomplete="username"
          autoCapitalize="none"
          spellcheck={false}
          qa="staff-login"
        />
        <TextField
          id="password"
          label={t.staffLogin.passwordLabel}
          error={errorFor(errors, 'password')}
          value={password}
          onValue={setPassword}
          type="password"
          autocomplete="current-password"
          qa="staff-password"
        />
        <TextField
          id="code"
          label={t.staffLogin.codeLabel}
          hint={t.staffLogin.codeHint}
          error={errorFor(errors, 'code')}
          value={code}
          onValue={setCode}
          autocomplete="one-time-code"
          autoCapitalize="characters"
          spellcheck={false}
          maxLength={20}
          width="code"
          qa="staff-code"
        />
        <button type="submit" class="button" disabled={busy} data-qa="staff-submit">
          {busy ? t.common.sending : t.staffLogin.submit}
        </button>
      </form>
    </Layout>
  );
}
