import { useState } from 'preact/hooks';
import { failureMessage, isUnauthorized, type ApiFailure } from '../api.ts';
import { api } from '../client.ts';
import type { SaveSettings, SettingsAnswer } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatDateTime } from '../format.ts';
import { errorFor, type FormError } from '../forms.ts';
import { navigate } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { SelectField } from './select-field.tsx';
import { StaffFrame } from './staff-frame.tsx';

type Settings = SettingsAnswer['settings'];
type Choices = SettingsAnswer['choices'];
type SiteLanguage = Settings['languages'][number];
type Localized = Readonly<Record<SiteLanguage, string>>;

const siteLanguages: readonly SiteLanguage[] = ['kk', 'ru', 'en'];
const emptyText: Localized = { kk: '', ru: '', en: '' };

/** The form as typed: numbers stay text until sent, so a half-typed value is never lost. */
interface Draft {
  readonly campaignLengthMonths: string;
  readonly confirmationAgeYears: string;
  readonly extensionYears: string;
  readonly reminders: string;
  readonly surveyVersion: string;
  readonly referralValidityWorkingDays: string;
  readonly referralStopWorkingDays: string;
  readonly ratioPriority: string;
  readonly ratioGeneral: string;
  readonly priorityCategories: readonly string[];
  readonly languages: readonly SiteLanguage[];
  readonly phone: string;
  readonly email: string;
  readonly address: Localized;
  readonly hours: Localized;
}

function draftOf(settings: Settings): Draft {
  const { policy, contacts } = settings;
  return {
    campaignLengthMonths: String(policy.campaignLengthMonths),
    confirmationAgeYears: String(policy.confirmationAgeYears),
    extensionYears: String(policy.extensionYears),
    reminders: policy.reminderDaysBeforeEnd.join(', '),
    surveyVersion: settings.surveyVersion,
    referralValidityWorkingDays: String(policy.referralValidityWorkingDays),
    referralStopWorkingDays: String(policy.referralStopWorkingDays),
    ratioPriority: String(policy.queueRatio.priority),
    ratioGeneral: String(policy.queueRatio.general),
    priorityCategories: policy.priorityCategories,
    languages: settings.languages,
    phone: contacts.phone ?? '',
    email: contacts.email ?? '',
    address: contacts.address ?? emptyText,
    hours: contacts.hours ?? emptyText,
  };
}

/** A whole number as typed; anything else is sent as typed, so the server, which checks everything, names the problem at the field. */
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : text;
}

/** A localized text left empty in every language is no text; a partly filled one goes as typed (the server names the empty ones). */
function localizedOrNone(text: Localized): Localized | undefined {
  const trimmed = { kk: text.kk.trim(), ru: text.ru.trim(), en: text.en.trim() };
  return trimmed.kk === '' && trimmed.ru === '' && trimmed.en === '' ? undefined : trimmed;
}

function bodyOf(draft: Draft, version: number): SaveSettings {
  const address = localizedOrNone(draft.address);
  const hours = localizedOrNone(draft.hours);
  const reminders = draft.reminders
    .split(/[\s,;]+/)
    .filter((part) => part !== '')
    .map(numberOrText);
  // Typed loosely on purpose: a half-typed number goes to the server, which refuses it at its field.
  return {
    version,
    policy: {
      campaignLengthMonths: numberOrText(draft.campaignLengthMonths),
      confirmationAgeYears: numberOrText(draft.confirmationAgeYears),
      extensionYears: numberOrText(draft.extensionYears),
      referralValidityWorkingDays: numberOrText(draft.referralValidityWorkingDays),
      referralStopWorkingDays: numberOrText(draft.referralStopWorkingDays),
      reminderDaysBeforeEnd: reminders,
      queueRatio: { priority: numberOrText(draft.ratioPriority), general: numberOrText(draft.ratioGeneral) },
      priorityCategories: draft.priorityCategories,
    },
    surveyVersion: draft.surveyVersion,
    contacts: {
      ...(draft.phone.trim() !== '' && { phone: draft.phone.replace(/[\s()-]/g, '') }),
      ...(draft.email.trim() !== '' && { email: draft.email.trim() }),
      ...(address && { address }),
      ...(hours && { hours }),
    },
    languages: siteLanguages.filter((code) => draft.languages.includes(code)),
  } as unknown as SaveSettings;
}

const fieldOfPolicy: Readonly<Record<string, string>> = {
  campaignLengthMonths: 'campaignLengthMonths',
  confirmationAgeYears: 'confirmationAgeYears',
  extensionYears: 'extensionYears',
  reminderDaysBeforeEnd: 'reminders',
  referralValidityWorkingDays: 'referralValidityWorkingDays',
  referralStopWorkingDays: 'referralStopWorkingDays',
  priorityCategories: 'priority-extraordinary',
};

/** The input a server field path belongs to (`policy.queueRatio.general` → `ratio-general`). */
function fieldOf(path: string): string | undefined {
  const [head, part, sub] = path.split('.');
  if (head === 'policy' && part === 'queueRatio') return sub === 'general' ? 'ratio-general' : 'ratio-priority';
  if (head === 'policy') return fieldOfPolicy[part ?? ''];
  if (head === 'surveyVersion') return 'surveyVersion';
  if (head === 'languages') return 'language-kk';
  if (head === 'contacts' && (part === 'phone' || part === 'email')) return part;
  if (head === 'contacts' && (part === 'address' || part === 'hours')) return `${part}-${sub === 'ru' || sub === 'en' ? sub : 'kk'}`;
  return undefined;
}

function errorsOf(failure: ApiFailure, message: string): FormError[] {
  const fields = failure.kind === 'http' ? failure.error?.fields : undefined;
  if (fields?.length) {
    return fields.map(({ path, message: text }) => {
      const field = fieldOf(path);
      return field === undefined ? { message: text } : { field, message: text };
    });
  }
  return [{ message }];
}

/** Checkboxes in one group, tied to the group's hint and error; the first box carries the group's id for the error summary. */
function CheckboxGroup(props: {
  id: string;
  legend: string;
  hint?: string;
  error: string | undefined;
  options: readonly { value: string; label: string }[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  const { t } = useStaffI18n();
  const { id, legend, hint, error, options, chosen, onChange } = props;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const toggle = (value: string, on: boolean) => onChange(options.map((o) => o.value).filter((other) => (other === value ? on : chosen.includes(other))));
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={describedBy || undefined} data-qa={`settings-${id}`}>
        <legend class="fieldset__legend">{legend}</legend>
        {hint && (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {error && (
          <p class="field-error" id={`${id}-error`} data-qa={`settings-${id}-error`}>
            <span class="visually-hidden">{t.common.errorPrefix} </span>
            {error}
          </p>
        )}
        {options.map((option) => (
          <div class="radio" key={option.value}>
            <input
              type="checkbox"
              id={`${id}-${option.value}`}
              name={id}
              value={option.value}
              checked={chosen.includes(option.value)}
              onChange={(event) => toggle(option.value, event.currentTarget.checked)}
              data-qa={`settings-${id}-${option.value}`}
            />
            <label for={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

function SettingsForm({ initial, choices }: { initial: Settings; choices: Choices }) {
  const { t, s, language } = useStaffI18n();
  const f = s.settings;
  const [stored, setStored] = useState<Settings>(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const update = (change: Partial<Draft>) => setDraft({ ...draft, ...change });

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setStatus('');
    const result = await api('PUT /api/staff/settings', { body: bodyOf(draft, stored.version) });
    setBusy(false);
    if (result.ok) {
      setErrors([]);
      setStored(result.data.settings);
      setDraft(draftOf(result.data.settings));
      setStatus(f.saved(String(result.data.settings.version)));
      return;
    }
    if (isUnauthorized(result.failure)) return navigate('/staff/login');
    setErrors(errorsOf(result.failure, failureMessage(result.failure, t)));
  };

  const text = (id: string, label: string, value: string, onValue: (value: string) => void, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField id={id} label={label} error={errorFor(errors, id)} value={value} onValue={onValue} qa={`settings-${id}`} autocomplete="off" {...extra} />
  );
  const number = (id: keyof Draft & string, label: string, hint?: string) =>
    text(id, label, draft[id] as string, (value) => update({ [id]: value } as Partial<Draft>), { inputMode: 'numeric', width: 'code', ...(hint && { hint }) });
  const localized = (kind: 'address' | 'hours', legend: string) => (
    <fieldset class="fieldset" aria-describedby={`${kind}-hint`}>
      <legend class="fieldset__legend">{legend}</legend>
      <p class="hint" id={`${kind}-hint`}>
        {f.bothOrNone}
      </p>
      {siteLanguages.map((code) =>
        text(`${kind}-${code}`, code === 'kk' ? f.inKk : code === 'ru' ? f.inRu : f.inEn, draft[kind][code], (value) => update({ [kind]: { ...draft[kind], [code]: value } })),
      )}
    </fieldset>
  );

  return (
    <>
      <p data-qa="settings-version">
        {stored.version === 0 || !stored.updatedAt
          ? f.neverSaved
          : f.savedBy(String(stored.version), formatDateTime(language, stored.updatedAt), (stored.updatedBy ?? '').replace(/^staff#/, ''))}
      </p>
      <ErrorSummary errors={errors} />
      <LiveStatus message={busy ? t.common.sending : status} />
      <form onSubmit={(event) => void onSubmit(event)} noValidate data-qa="settings-form">
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{f.campaign}</legend>
          {number('campaignLengthMonths', f.campaignLength, f.campaignLengthHint)}
          {number('confirmationAgeYears', f.ageYears, f.ageYearsHint)}
          {number('extensionYears', f.extensionYears, f.extensionYearsHint)}
          {text('reminders', f.reminders, draft.reminders, (value) => update({ reminders: value }), { hint: f.remindersHint, inputMode: 'numeric' })}
          <SelectField
            id="surveyVersion"
            label={f.surveyVersion}
            error={errorFor(errors, 'surveyVersion')}
            value={draft.surveyVersion}
            onValue={(value) => update({ surveyVersion: value })}
            options={choices.surveyVersions.map((value) => ({ value, label: value }))}
            qa="settings-surveyVersion"
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{f.queue}</legend>
          {number('referralValidityWorkingDays', f.referralDays)}
          {number('referralStopWorkingDays', f.stopDays, f.stopDaysHint)}
          <fieldset class="fieldset" aria-describedby="ratio-hint">
            <legend class="fieldset__legend">{f.ratio}</legend>
            <p class="hint" id="ratio-hint">
              {f.ratioHint}
            </p>
            {text('ratio-priority', f.ratioPriority, draft.ratioPriority, (value) => update({ ratioPriority: value }), { inputMode: 'numeric', width: 'code' })}
            {text('ratio-general', f.ratioGeneral, draft.ratioGeneral, (value) => update({ ratioGeneral: value }), { inputMode: 'numeric', width: 'code' })}
          </fieldset>
          <CheckboxGroup
            id="priority"
            legend={f.priorities}
            hint={f.prioritiesHint}
            error={errorFor(errors, 'priority-extraordinary')}
            options={choices.priorityCategories.map((value) => ({ value, label: t.priority[value as keyof typeof t.priority] ?? value }))}
            chosen={draft.priorityCategories}
            onChange={(priorityCategories) => update({ priorityCategories })}
          />
        </fieldset>
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{f.site}</legend>
          <CheckboxGroup
            id="language"
            legend={f.languages}
            error={errorFor(errors, 'language-kk')}
            options={siteLanguages.map((value) => ({ value, label: f.languageNames[value] }))}
            chosen={draft.languages}
            onChange={(languages) => update({ languages: languages as SiteLanguage[] })}
          />
          {text('phone', f.phone, draft.phone, (value) => update({ phone: value }), { hint: f.phoneHint, type: 'tel', inputMode: 'tel' })}
          {text('email', f.email, draft.email, (value) => update({ email: value }), { type: 'email', spellcheck: false, autoCapitalize: 'none' })}
          {localized('address', f.address)}
          {localized('hours', f.hours)}
        </fieldset>
        <button type="submit" class="button" disabled={busy} data-qa="settings-submit">
          {busy ? t.common.sending : f.save}
        </button>
      </form>
    </>
  );
}

/**
 * The department's settings for its administrator: the policy (campaign, referrals, queue),
 * the next campaign's survey version, the languages and contacts of the site. The server checks
 * everything and names each problem at its field; a save carries the version it read, so a
 * change saved meanwhile by another administrator is never overwritten.
 */
export function SettingsPage() {
  const { t, s } = useStaffI18n();
  const page = useSessionPage('GET /api/staff/settings', {}, '/staff/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  return (
    <StaffFrame identity={identity}>
      <PageHeading>{s.settings.title}</PageHeading>
      <p class="lead">{s.settings.intro}</p>
      <LiveStatus message={page.state === 'loading' ? t.common.loading : ''} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {page.state === 'ready' && <SettingsForm initial={page.data.settings} choices={page.data.choices} />}
    </StaffFrame>
  );
}
