import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../client.ts';
import type {   ParentCodeSent } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { Layout } from '../components/layout.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { digitsOnly, errorFor, formErrorsFrom, type FormError } from '../forms.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Messages } from '../i18n/ru.ts';
import { navigate } from '../router.tsx';
import { DepartmentContacts } from '../components/department-contacts.tsx';
import { usePublicCampaign } from '../campaign.ts';
import { needsConfirmation } from './cabinet.tsx';

/** Wrong codes the API accepts for one code (`loginCodeMaxAttempts`); after them only a new code helps. */
const codeAttempts = 5;
/** A first wait before "send again": an SMS often takes a minute to arrive. */
const resendWaitSeconds = 60;

/** Seconds until `until` (epoch ms), counted down once a second; 0 when it has passed. */
function useCountdown(until: number): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = setInterval(() => {
      setTick((tick) => tick + 1);
      if (Date.now() >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

/** Texts are kept as functions of the messages so they follow a language switch. */
type Localized<T> = (t: Messages) => T;
const none: Localized<FormError[]> = () => [];
const silent: Localized<string> = () => '';

type Busy = 'send' | 'resend' | 'verify' | undefined;

/** Parent login: IIN, then the one-time code sent by SMS. */
export function ParentLoginPage() {
  const { t } = useI18n();
  const [step, setStep] = useState<'iin' | 'code'>('iin');
  const [iin, setIin] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<ParentCodeSent | undefined>();
  const [busy, setBusy] = useState<Busy>();
  const [errorsOf, setErrorsOf] = useState(() => none);
  const [statusOf, setStatusOf] = useState(() => silent);
  const errors = useMemo(() => errorsOf(t), [errorsOf, t]);
  const [resendAt, setResendAt] = useState(0);
  const [wrongCodes, setWrongCodes] = useState(0);
  const resendIn = useCountdown(resendAt);
  const campaign = usePublicCampaign();

  // After a step change the step's input takes focus: the button that was pressed is gone or disabled.
  const [focusRequest, setFocusRequest] = useState<{ id: string } | undefined>();
  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  const fail = (next: Localized<FormError[]>) => {
    setErrorsOf(() => next);
    setStatusOf(() => silent);
  };

  const sendCode = async (mode: 'send' | 'resend') => {
    const cleanIin = digitsOnly(iin);
    if (cleanIin === '') return fail((m) => [{ field: 'iin', message: m.parentLogin.iinMissing }]);
    if (!/^\d{12}$/.test(cleanIin)) return fail((m) => [{ field: 'iin', message: m.parentLogin.iinFormat }]);
    setBusy(mode);
    setErrorsOf(() => none);
    setStatusOf(() => (m: Messages) => m.common.sending);
    const result = await api('POST /api/auth/parent/code', { body: { iin: cleanIin } });
    setBusy(undefined);
    if (!result.ok) {
      const { failure } = result;
      // Too soon: the API says when to try again; a countdown says it better than an error.
      if (failure.kind === 'http' && failure.status === 429) {
        const minutes = Number(failure.error?.params?.minutes ?? '1') || 1;
        setResendAt(Date.now() + minutes * 60_000);
        if (mode === 'resend') {
          setErrorsOf(() => none);
          return setStatusOf(() => (m: Messages) => m.parentLogin.resendWait);
        }
      }
      return fail((m) => formErrorsFrom(failure, m, { iin: 'iin' }, 'iin'));
    }
    setResendAt(Date.now() + resendWaitSeconds * 1000);
    setWrongCodes(0);
    setIin(cleanIin);
    setCode('');
    setSent(result.data);
    setStep('code');
    setStatusOf(() => (m: Messages) => m.parentLogin.codeSent);
    setFocusRequest({ id: 'code' });
  };

  const verifyCode = async () => {
    const cleanCode = digitsOnly(code);
    if (cleanCode === '') return fail((m) => [{ field: 'code', message: m.parentLogin.codeMissing }]);
    if (!/^\d{6}$/.test(cleanCode)) return fail((m) => [{ field: 'code', message: m.parentLogin.codeFormat }]);
    setBusy('verify');
    setErrorsOf(() => none);
    setStatusOf(() => (m: Messages) => m.common.sending);
    const result = await api('POST /api/auth/parent/session', { body: { iin, code: cleanCode } });
    if (result.ok) {
      // SPEC rule 5: a parent with a confirmation due goes straight to the survey.
      const cabinet = await api('GET /api/cabinet/applications');
      setBusy(undefined);
      return navigate(cabinet.ok && needsConfirmation(cabinet.data.applications) ? '/survey' : '/cabinet');
    }
    setBusy(undefined);
    const { failure } = result;
    if (failure.kind === 'http' && failure.error?.code === 'invalid_login_code') {
      // Until the attempts run out the likeliest cause is a mistyped digit, not a dead code.
      const wrong = wrongCodes + 1;
      setWrongCodes(wrong);
      const left = codeAttempts - wrong;
      return fail((m) => [{ field: 'code', message: left > 0 ? m.parentLogin.codeWrong(left) : m.parentLogin.codeUsedUp }]);
    }
    fail((m) => formErrorsFrom(failure, m, { code: 'code' }, 'code'));
  };

  const changeIin = () => {
    setStep('iin');
    setSent(undefined);
    setErrorsOf(() => none);
    setStatusOf(() => silent);
    setFocusRequest({ id: 'iin' });
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void (step === 'iin' ? sendCode('send') : verifyCode());
  };

  const minutes = Math.ceil((sent?.expiresInSeconds ?? 0) / 60);

  return (
    <Layout>
      <PageHeading>{t.parentLogin.title}</PageHeading>
      <ErrorSummary errors={errors} attempt={errorsOf} />
      <LiveStatus message={statusOf(t)} hidden />
      <form onSubmit={onSubmit} noValidate data-qa="parent-login-form">
        {step === 'iin' ? (
          <>
            <TextField
              id="iin"
              label={t.parentLogin.iinLabel}
              hint={t.parentLogin.iinHint}
              error={errorFor(errors, 'iin')}
              value={iin}
              onValue={setIin}
              inputMode="numeric"
              autocomplete="off"
              spellcheck={false}
              width="iin"
              qa="iin-input"
            />
            <button type="submit" class="button" disabled={busy !== undefined} data-qa="send-code">
              {busy === 'send' ? t.common.sending : t.parentLogin.sendCode}
            </button>
          </>
        ) : (
          <>
            <div class="notice" data-qa="code-sent">
              <p>{t.parentLogin.codeSent}</p>
              {minutes > 0 && <p>{t.parentLogin.codeValidFor(minutes)}</p>}
            </div>
            <p class="iin-line">
              {t.parentLogin.iinShown}: <strong data-qa="iin-shown">{iin}</strong>{' '}
              <button type="button" class="link-button" onClick={changeIin} disabled={busy !== undefined} data-qa="change-iin">
                {t.parentLogin.changeIin}
              </button>
            </p>
            <TextField
              id="code"
              label={t.parentLogin.codeLabel}
              hint={t.parentLogin.codeHint}
              error={errorFor(errors, 'code')}
              value={code}
              onValue={setCode}
              inputMode="numeric"
              autocomplete="one-time-code"
              spellcheck={false}
              width="code"
              qa="code-input"
            />
            <div class="button-group">
              <button type="submit" class="button" disabled={busy !== undefined} data-qa="verify-code">
                {busy === 'verify' ? t.common.sending : t.parentLogin.verify}
              </button>
              <button
                type="button"
                class="button button--secondary"
                onClick={() => void sendCode('resend')}
                disabled={busy !== undefined || resendIn > 0}
                aria-describedby="resend-countdown"
                data-qa="resend-code"
              >
                {busy === 'resend' ? t.common.sending : t.parentLogin.resendCode}
              </button>
            </div>
            <p class="hint" id="resend-countdown" data-qa="resend-countdown" data-seconds={resendIn}>
              {resendIn > 0 ? t.parentLogin.resendIn(`${Math.floor(resendIn / 60)}:${String(resendIn % 60).padStart(2, '0')}`) : ''}
            </p>
            <details class="login-help" data-qa="login-help">
              <summary>{t.parentLogin.noSms}</summary>
              <DepartmentContacts tenantName={campaign?.tenantName} qa="login-contacts" />
            </details>
          </>
        )}
      </form>
    </Layout>
  );
}
