import { useState } from 'preact/hooks';
import { failureMessage, isUnauthorized } from '../api.ts';
import { api } from '../client.ts';
import type { RegisterApplication } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { digitsOnly, errorFor, type FormError } from '../forms.ts';
import { navigate } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { SelectField } from './select-field.tsx';
import { StaffFrame } from './staff-frame.tsx';

type Priority = RegisterApplication['priority'];
type TextKey = 'childIin' | 'childName' | 'applicantIin' | 'applicantName' | 'applicantPhone';
const textKeys: readonly string[] = ['childIin', 'childName', 'applicantIin', 'applicantName', 'applicantPhone', 'priority', 'language'];

/**
 * The input a field error belongs to: `kindergartenIds.1` is the second kindergarten sent, which
 * is the select it came from (`sentFrom`), since empty selects are not sent.
 */
function fieldOf(path: string, sentFrom: readonly number[]): string | undefined {
  const [head, index] = path.split(/[./]/);
  if (head === 'kindergartenIds') return `kindergarten-${(index === undefined ? 0 : (sentFrom[Number(index)] ?? 0)) + 1}`;
  return head !== undefined && textKeys.includes(head) ? head : undefined;
}

/** Staff register a child's application; the server checks everything and names each problem. */
export function RegisterPage() {
  const { t, s, language } = useStaffI18n();
  const page = useSessionPage('GET /api/staff/kindergartens', {}, '/staff/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  const [text, setText] = useState<Record<TextKey, string>>({ childIin: '', childName: '', applicantIin: '', applicantName: '', applicantPhone: '+7' });
  const [priority, setPriority] = useState<Priority>('none');
  const [instruction, setInstruction] = useState<RegisterApplication['language']>(language === 'kk' ? 'kk' : 'ru');
  const [choices, setChoices] = useState(['', '', '']);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);

  const field = (key: TextKey, label: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField id={key} label={label} error={errorFor(errors, key)} value={text[key]} onValue={(value) => setText({ ...text, [key]: value })} qa={`register-${key}`} {...extra} />
  );

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const sentFrom = choices.flatMap((id, index) => (id === '' ? [] : [index]));
    const body: RegisterApplication = {
      childIin: digitsOnly(text.childIin),
      childName: text.childName.trim(),
      applicantIin: digitsOnly(text.applicantIin),
      applicantName: text.applicantName.trim(),
      applicantPhone: text.applicantPhone.replace(/[\s()-]/g, ''),
      priority,
      kindergartenIds: sentFrom.map((index) => choices[index] ?? ''),
      language: instruction,
    };
    setBusy(true);
    const result = await api('POST /api/staff/applications', { body });
    setBusy(false);
    if (result.ok) return navigate(`/staff/applications/${encodeURIComponent(result.data.application.applicationId)}`);
    const { failure } = result;
    if (isUnauthorized(failure)) return navigate('/staff/login');
    const fields = failure.kind === 'http' ? failure.error?.fields : undefined;
    if (fields?.length) {
      setErrors(fields.map(({ path, message }) => ({ message, ...(fieldOf(path, sentFrom) !== undefined && { field: fieldOf(path, sentFrom) }) })));
    } else {
      // A refusal without fields (e.g. the child already queued) is about the child.
      const message = failureMessage(failure, t);
      setErrors([failure.kind === 'http' && failure.status === 409 ? { field: 'childIin', message } : { message }]);
    }
  };

  const kindergartenOptions =
    page.state === 'ready'
      ? [{ value: '', label: s.register.noKindergarten }, ...page.data.kindergartens.map((k) => ({ value: k.kindergartenId, label: k.name[language] }))]
      : [];
  return (
    <StaffFrame identity={identity}>
      <PageHeading>{s.register.title}</PageHeading>
      <ErrorSummary errors={errors} />
      <LiveStatus message={page.state === 'loading' ? t.common.loading : busy ? t.common.sending : ''} hidden={page.state !== 'loading'} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {page.state === 'ready' && (
        <form onSubmit={(event) => void onSubmit(event)} noValidate data-qa="register-form">
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{s.register.child}</legend>
            {field('childIin', s.register.childIin, { hint: s.register.iinHint, inputMode: 'numeric', width: 'iin', autocomplete: 'off' })}
            {field('childName', s.register.childName, { autocomplete: 'off' })}
          </fieldset>
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{s.register.applicant}</legend>
            {field('applicantIin', s.register.applicantIin, { hint: s.register.iinHint, inputMode: 'numeric', width: 'iin', autocomplete: 'off' })}
            {field('applicantName', s.register.applicantName, { autocomplete: 'off' })}
            {field('applicantPhone', s.register.applicantPhone, { hint: s.register.phoneHint, type: 'tel', autocomplete: 'off' })}
          </fieldset>
          <SelectField
            id="priority"
            label={s.register.priority}
            error={errorFor(errors, 'priority')}
            value={priority}
            onValue={(value) => setPriority(value as Priority)}
            options={(Object.keys(t.priority) as Priority[]).map((value) => ({ value, label: t.priority[value] }))}
            qa="register-priority"
          />
          <fieldset class="fieldset" aria-describedby="kindergartens-hint">
            <legend class="fieldset__legend">{s.register.kindergartens}</legend>
            <p class="hint" id="kindergartens-hint">
              {s.register.kindergartensHint}
            </p>
            {choices.map((choice, index) => (
              <SelectField
                key={index}
                id={`kindergarten-${index + 1}`}
                label={s.register.kindergarten(index + 1)}
                error={errorFor(errors, `kindergarten-${index + 1}`)}
                value={choice}
                onValue={(value) => setChoices(choices.map((old, at) => (at === index ? value : old)))}
                options={kindergartenOptions}
                qa={`register-kindergarten-${index + 1}`}
              />
            ))}
          </fieldset>
          <SelectField
            id="language"
            label={s.register.language}
            error={errorFor(errors, 'language')}
            value={instruction}
            onValue={(value) => setInstruction(value as RegisterApplication['language'])}
            options={(['kk', 'ru'] as const).map((value) => ({ value, label: t.instructionLanguage[value] }))}
            qa="register-language"
          />
          <button type="submit" class="button" disabled={busy} data-qa="register-submit">
            {busy ? t.common.sending : s.register.submit}
          </button>
        </form>
      )}
    </StaffFrame>
  );
}
