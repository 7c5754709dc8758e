import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage, isUnauthorized, type ApiResult } from '../api.ts';
import { api } from '../client.ts';
import type { StaffAccount, StaffAccountLink, StaffRole } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatDateTime } from '../format.ts';
import { errorFor, formErrorsFrom, type FormError } from '../forms.ts';
import { navigate } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { SelectField } from './select-field.tsx';
import { StaffFrame } from './staff-frame.tsx';

const roles: readonly StaffRole[] = ['admin', 'operator', 'analyst'];
const fields = { login: 'new-staff-login', displayName: 'new-staff-name', role: 'new-staff-role' } as const;

/** A one-time link as the administrator passes it on: the department's own address, the token in the fragment. */
function LinkNotice({ name, link }: { name: string; link: StaffAccountLink }) {
  const { s, language } = useStaffI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [link]);
  const url = `${location.origin}${link.path}`;
  return (
    <div class="notice" role="status" tabIndex={-1} ref={ref} data-qa="staff-link">
      <h2>{s.accounts.linkHeading(name)}</h2>
      <p>{s.accounts.linkHint(formatDateTime(language, link.expiresAt))}</p>
      <p class="mono" data-qa="staff-link-url">
        {url}
      </p>
    </div>
  );
}

/** Adds a staff member: login, name, role; the answer is their one-time set-password link. */
function AddStaffForm({ onAdded }: { onAdded: (account: StaffAccount, link: StaffAccountLink) => void }) {
  const { t, s } = useStaffI18n();
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('operator');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const missing: FormError[] = [
      ...(/^\S+@\S+\.\S+$/.test(login.trim()) ? [] : [{ field: fields.login, message: s.accounts.loginMissing }]),
      ...(displayName.trim() ? [] : [{ field: fields.displayName, message: s.accounts.nameMissing }]),
    ];
    if (missing.length > 0) return setErrors(missing);
    setBusy(true);
    const result = await api('POST /api/staff/accounts', { body: { login: login.trim(), displayName: displayName.trim(), role } });
    setBusy(false);
    if (result.ok) {
      setErrors([]);
      setLogin('');
      setDisplayName('');
      return onAdded(result.data.account, result.data.link);
    }
    if (isUnauthorized(result.failure)) return navigate('/staff/login');
    setErrors(formErrorsFrom(result.failure, t, fields, fields.login));
  };
  return (
    <section aria-labelledby="add-staff-heading" data-qa="add-staff">
      <h2 id="add-staff-heading">{s.accounts.add}</h2>
      <ErrorSummary errors={errors} />
      <form onSubmit={onSubmit} noValidate data-qa="add-staff-form">
        <TextField
          id={fields.login}
          label={s.accounts.login}
          hint={s.accounts.loginHint}
          error={errorFor(errors, fields.login)}
          value={login}
          onValue={setLogin}
          type="email"
          autocomplete="off"
          spellcheck={false}
          maxLength={100}
          qa="new-staff-login"
        />
        <TextField id={fields.displayName} label={s.accounts.name} error={errorFor(errors, fields.displayName)} value={displayName} onValue={setDisplayName} autocomplete="off" maxLength={100} qa="new-staff-name" />
        <SelectField
          id={fields.role}
          label={s.accounts.role}
          hint={s.accounts.roleHint}
          error={errorFor(errors, fields.role)}
          value={role}
          onValue={(value) => setRole(value as StaffRole)}
          options={roles.map((value) => ({ value, label: s.accounts.roles[value] }))}
          qa="new-staff-role"
        />
        <button type="submit" class="button" disabled={busy} data-qa="add-staff-submit">
          {s.accounts.addSubmit}
        </button>
      </form>
    </section>
  );
}

/** One account's row: its role (changeable), its state, and what the administrator may do with it. */
function StaffRow({ account, onResult }: { account: StaffAccount; onResult: (account: StaffAccount, notice: string, link?: StaffAccountLink) => void }) {
  const { t, s } = useStaffI18n();
  const [role, setRole] = useState<StaffRole>(account.role);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const params = { login: account.login };
  const version = account.version;
  const send = async (call: Promise<ApiResult<{ account: StaffAccount; link?: StaffAccountLink }>>) => {
    setBusy(true);
    const result = await call;
    setBusy(false);
    if (result.ok) {
      setError('');
      return onResult(result.data.account, s.accounts.changed(account.displayName), result.data.link);
    }
    if (isUnauthorized(result.failure)) return navigate('/staff/login');
    setError(failureMessage(result.failure, t));
  };
  const roleId = `role-${account.login}`;
  return (
    <tr data-qa="staff-row" data-login={account.login}>
      <th scope="row" data-label={s.accounts.name}>
        {account.displayName} {account.self && <span>{s.accounts.you}</span>}
        <br />
        <span class="mono">{account.login}</span>
      </th>
      <td data-label={s.accounts.role}>
        <label for={roleId} class="visually-hidden">
          {s.accounts.roleOf(account.displayName)}
        </label>
        <select id={roleId} class="input" value={role} onChange={(event) => setRole(event.currentTarget.value as StaffRole)} data-qa="staff-row-role">
          {roles.map((value) => (
            <option key={value} value={value}>
              {s.accounts.roles[value]}
            </option>
          ))}
        </select>
        <button type="button" class="button button--secondary" disabled={busy || role === account.role} onClick={() => send(api('POST /api/staff/accounts/{login}', { params, body: { version, role } }))} data-qa="staff-row-save-role">
          {s.accounts.saveRole}
          <span class="visually-hidden">{s.accounts.forName(account.displayName)}</span>
        </button>
      </td>
      <td data-label={s.accounts.state} data-qa="staff-row-state">
        {s.accounts.states[account.status]}
        {!account.hasPassword && account.status === 'active' && <span>, {s.accounts.noPassword}</span>}
      </td>
      <td data-label={s.accounts.actions}>
        <button type="button" class="button button--secondary" disabled={busy} onClick={() => send(api('POST /api/staff/accounts/{login}', { params, body: { version, active: account.status !== 'active' } }))} data-qa="staff-row-toggle">
          {account.status === 'active' ? s.accounts.disable : s.accounts.enable}
          <span class="visually-hidden">{s.accounts.forName(account.displayName)}</span>
        </button>
        {account.status === 'active' && (
          <button type="button" class="button button--secondary" disabled={busy} onClick={() => send(api('POST /api/staff/accounts/{login}/password-reset', { params, body: { version } }))} data-qa="staff-row-reset">
            {s.accounts.reset}
            <span class="visually-hidden">{s.accounts.forName(account.displayName)}</span>
          </button>
        )}
        {account.status === 'active' && account.hasPassword && (
          <button type="button" class="button button--secondary" disabled={busy} onClick={() => send(api('POST /api/staff/accounts/{login}/second-factor-reset', { params, body: { version } }))} data-qa="staff-row-reset-second-factor">
            {s.accounts.resetSecondFactor}
            <span class="visually-hidden">{s.accounts.forName(account.displayName)}</span>
          </button>
        )}
        {error && (
          <p class="inline-error" role="alert" data-qa="staff-row-error">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}

/** The administrator's page: the department's staff, adding one, disabling, re-enabling, roles and password links. */
export function StaffAccountsPage() {
  const { t, s } = useStaffI18n();
  const [reload, setReload] = useState(0);
  const page = useSessionPage('GET /api/staff/accounts', {}, '/staff/login', reload);
  const [notice, setNotice] = useState('');
  const [link, setLink] = useState<{ name: string; link: StaffAccountLink }>();
  const identity = page.state === 'loading' ? undefined : page.identity;
  const done = (account: StaffAccount, message: string, newLink?: StaffAccountLink) => {
    setNotice(message);
    setLink(newLink && { name: account.displayName, link: newLink });
    setReload((n) => n + 1);
  };
  return (
    <StaffFrame identity={identity}>
      <PageHeading>{s.accounts.title}</PageHeading>
      <LiveStatus message={page.state === 'loading' ? t.common.loading : notice} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {page.state === 'ready' && (
        <>
          <p>{s.accounts.intro}</p>
          {link && <LinkNotice name={link.name} link={link.link} />}
          <table class="table" data-qa="staff-accounts">
            <caption>{s.accounts.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{s.accounts.name}</th>
                <th scope="col">{s.accounts.role}</th>
                <th scope="col">{s.accounts.state}</th>
                <th scope="col">{s.accounts.actions}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.accounts.map((account) => (
                <StaffRow key={`${account.login}:${account.version}`} account={account} onResult={done} />
              ))}
            </tbody>
          </table>
          <AddStaffForm onAdded={(account, newLink) => done(account, s.accounts.added(account.displayName), newLink)} />
        </>
      )}
    </StaffFrame>
  );
}
