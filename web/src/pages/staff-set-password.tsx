import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../client.ts';
import type { StaffEnrolment, StaffPasswordAnswer } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { Layout } from '../components/layout.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { QrCode } from '../components/qr-code.tsx';
import { TextField } from '../components/text-field.tsx';
import { digitsOnly, errorFor, formErrorsFrom, type FormError } from '../forms.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Messages } from '../i18n/ru.ts';
import { Link } from '../router.tsx';
import { failureMessage, type ApiFailure } from '../api.ts';

type LocalizedErrors = (t: Messages) => FormError[];
const none: LocalizedErrors = () => [];
const minLength = 12;

/** The token of the one-time link, from the fragment (`#token=…`): browsers never send a fragment to a server. */
function tokenFromLocation(): string {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
}

/** A base32 secret in groups of four, as it is typed into an authenticator app. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * A staff member (first of all a department's first administrator) sets a password with a
 * one-time link and enrols an authenticator app (DECISIONS 52): the page asks for the link's
 * secret, shows it (QR code, key in groups, otpauth link), and sends the password with a current
 * code; the answer's recovery codes are shown once, and the way to the login opens when the
 * person says they saved them.
 */
export function StaffSetPasswordPage() {
  const { t } = useI18n();
  const [token] = useState(tokenFromLocation);
  const [enrolment, setEnrolment] = useState<StaffEnrolment | undefined>();
  const [refusal, setRefusal] = useState<ApiFailure | undefined>();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<StaffPasswordAnswer | undefined>();
  const [saved, setSaved] = useState(false);
  const [errorsOf, setErrorsOf] = useState(() => none);
  const errors = useMemo(() => errorsOf(t), [errorsOf, t]);

  // The token is kept in the page only: out of the address bar, the history and bookmarks.
  useEffect(() => {
    if (location.hash) history.replaceState(null, '', location.pathname);
  }, []);

  // The secret of this link (the same one when the page is opened again while the link lives).
  useEffect(() => {
    if (token === '') return;
    void api('POST /api/auth/staff/enrolment', { body: { token } }).then((result) => (result.ok ? setEnrolment(result.data) : setRefusal(result.failure)));
  }, [token]);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const problems: LocalizedErrors = (m) => [
      ...(password === '' ? [{ field: 'new-password', message: m.setPassword.passwordMissing }] : []),
      ...(password !== '' && password.length < minLength ? [{ field: 'new-password', message: m.setPassword.passwordShort }] : []),
      ...(password !== '' && repeat !== password ? [{ field: 'repeat-password', message: m.setPassword.repeatMismatch }] : []),
      ...(digitsOnly(code) === '' ? [{ field: 'totp-code', message: m.setPassword.codeMissing }] : []),
    ];
    if (problems(t).length > 0) return setErrorsOf(() => problems);
    setBusy(true);
    setErrorsOf(() => none);
    const result = await api('POST /api/auth/staff/password', { body: { token, password, code: digitsOnly(code) } });
    setBusy(false);
    if (result.ok) return setDone(result.data);
    const { failure } = result;
    setErrorsOf(() => (m: Messages) => formErrorsFrom(failure, m, { password: 'new-password', code: 'totp-code' }, 'new-password'));
  };

  return (
    <Layout>
      <PageHeading>{t.setPassword.title}</PageHeading>
      {done ? (
        <>
          <p class="lead" role="status" data-qa="set-password-done">
            {t.setPassword.done(done.login)}
          </p>
          <h2>{t.setPassword.recoveryHeading}</h2>
          <p>{t.setPassword.recoveryIntro}</p>
          <ol class="recovery-codes" data-qa="recovery-codes">
            {done.recoveryCodes.map((recovery) => (
              <li key={recovery}>
                <code>{recovery}</code>
              </li>
            ))}
          </ol>
          <div class="field choice">
            <input class="choice__input" type="checkbox" id="recovery-saved" checked={saved} onChange={(event) => setSaved(event.currentTarget.checked)} data-qa="recovery-saved" />
            <label class="choice__label" for="recovery-saved">
              {t.setPassword.recoverySaved}
            </label>
          </div>
          {saved && (
            <Link href="/staff/login" class="button" data-qa="set-password-login-link">
              {t.setPassword.toLogin}
            </Link>
          )}
        </>
      ) : token === '' ? (
        <p class="lead" data-qa="set-password-no-token">
          {t.setPassword.noToken}
        </p>
      ) : refusal ? (
        <p class="lead" role="alert" data-qa="set-password-refused">
          {failureMessage(refusal, t)}
        </p>
      ) : !enrolment ? (
        <p class="lead" role="status">
          {t.setPassword.loadingSecret}
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
            <h2>{t.setPassword.authenticatorHeading}</h2>
            <p>{t.setPassword.authenticatorIntro}</p>
            <QrCode text={enrolment.uri} label={t.setPassword.qrLabel} qa="totp-qr" />
            <p>
              {t.setPassword.secretLabel}: <code class="totp-secret" data-qa="totp-secret">{grouped(enrolment.secret)}</code>
            </p>
            <details>
              <summary>{t.setPassword.uriLabel}</summary>
              <code class="totp-uri" data-qa="totp-uri">
                {enrolment.uri}
              </code>
            </details>
            <TextField
              id="totp-code"
              label={t.setPassword.codeLabel}
              hint={t.setPassword.codeHint}
              error={errorFor(errors, 'totp-code')}
              value={code}
              onValue={setCode}
              inputMode="numeric"
              autocomplete="one-time-code"
              maxLength={7}
              width="code"
              qa="totp-code"
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
