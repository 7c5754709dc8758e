import { useState } from 'preact/hooks';
import { failureMessage, isUnauthorized, type ApiFailure } from '../api.ts';
import { api } from '../client.ts';
import type { Districts, KindergartenForm } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatNumber } from '../format.ts';
import { errorFor, type FormError } from '../forms.ts';
import { Link, navigate } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { SelectField } from './select-field.tsx';
import { StaffFrame } from './staff-frame.tsx';

type Stored = KindergartenForm['kindergarten'];
type AgeGroup = keyof Stored['capacity'];
type Ownership = Stored['ownership'];
type Language = Stored['languages'][number];
type District = Districts['districts'][number];

const ageGroups: readonly AgeGroup[] = ['nursery', 'junior', 'middle', 'senior', 'preschool'];
const instructionLanguages: readonly Language[] = ['kk', 'ru'];

/** The form as typed: numbers stay text until sent, so a half-typed value is never lost. */
interface Draft {
  readonly kindergartenId: string;
  readonly name: Readonly<Record<'kk' | 'ru' | 'en', string>>;
  readonly ownership: Ownership;
  readonly languages: readonly Language[];
  readonly district: string;
  readonly address: string;
  readonly lat: string;
  readonly lon: string;
  readonly capacity: Readonly<Record<AgeGroup, string>>;
}

function draftOf(stored: Stored | undefined): Draft {
  return {
    kindergartenId: stored?.kindergartenId ?? '',
    name: stored?.name ?? { kk: '', ru: '', en: '' },
    ownership: stored?.ownership ?? 'state',
    languages: stored?.languages ?? [],
    district: stored?.district ?? '',
    address: stored?.address ?? '',
    lat: stored ? String(stored.location.lat) : '',
    lon: stored ? String(stored.location.lon) : '',
    capacity: Object.fromEntries(ageGroups.map((group) => [group, stored ? String(stored.capacity[group] ?? 0) : ''])) as Record<AgeGroup, string>,
  };
}

/**
 * A number as typed (a decimal comma is fine); anything else is sent as typed, so the server,
 * which checks everything, names the problem at the field.
 */
function numberOrText(text: string): number | string {
  const trimmed = text.trim().replace(',', '.');
  const value = Number(trimmed);
  return trimmed !== '' && Number.isFinite(value) ? value : text;
}

/**
 * The body as the route takes it; a field that is not a number is sent as typed all the same (the
 * casts below), so the server answers 400 naming that field, in the user's language.
 */
function bodyOf(draft: Draft) {
  return {
    name: { kk: draft.name.kk.trim(), ru: draft.name.ru.trim(), en: draft.name.en.trim() },
    ownership: draft.ownership,
    languages: instructionLanguages.filter((code) => draft.languages.includes(code)),
    district: draft.district,
    address: draft.address.trim(),
    location: { lat: numberOrText(draft.lat) as number, lon: numberOrText(draft.lon) as number },
    capacity: Object.fromEntries(ageGroups.map((group) => [group, numberOrText(draft.capacity[group]) as number])) as Record<(typeof ageGroups)[number], number>,
  };
}

/** The input a server field path belongs to (`capacity.junior` → `capacity-junior`). */
function fieldOf(path: string, isNew: boolean): string | undefined {
  const [head, part] = path.split('.');
  if (head === 'kindergartenId') return isNew ? 'kindergartenId' : undefined;
  if (head === 'ownership' || head === 'district' || head === 'address') return head;
  if (head === 'name') return `name-${part === 'ru' || part === 'en' ? part : 'kk'}`;
  if (head === 'languages') return 'languages-kk';
  if (head === 'location') return part === 'lon' ? 'lon' : 'lat';
  if (head === 'capacity') return `capacity-${ageGroups.includes(part as AgeGroup) ? part : 'nursery'}`;
  return undefined;
}

function errorsOf(failure: ApiFailure, message: string, isNew: boolean): FormError[] {
  const fields = failure.kind === 'http' ? failure.error?.fields : undefined;
  if (fields?.length) {
    return fields.map(({ path, message: text }) => {
      const field = fieldOf(path, isNew);
      return field === undefined ? { message: text } : { field, message: text };
    });
  }
  // A taken id is about the id field; anything else (changed meanwhile, gone) about the whole form.
  if (isNew && failure.kind === 'http' && failure.error?.code === 'kindergarten_exists') return [{ field: 'kindergartenId', message }];
  return [{ message }];
}

/** Kazakh and Russian as checkboxes in one group, tied to the group's hint and error. */
function LanguageChoice({ draft, error, onChange }: { draft: Draft; error: string | undefined; onChange: (languages: Language[]) => void }) {
  const { t, s } = useStaffI18n();
  const toggle = (code: Language, on: boolean) => onChange(instructionLanguages.filter((other) => (other === code ? on : draft.languages.includes(other))));
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={error ? 'languages-hint languages-error' : 'languages-hint'} data-qa="kindergarten-languages">
        <legend class="fieldset__legend">{t.staff.languages}</legend>
        <p class="hint" id="languages-hint">
          {s.kindergartenForm.languagesHint}
        </p>
        {error && (
          <p class="field-error" id="languages-error" data-qa="kindergarten-languages-error">
            <span class="visually-hidden">{t.common.errorPrefix} </span>
            {error}
          </p>
        )}
        {instructionLanguages.map((code) => (
          <div class="radio" key={code}>
            <input
              type="checkbox"
              id={`languages-${code}`}
              name="languages"
              value={code}
              checked={draft.languages.includes(code)}
              onChange={(event) => toggle(code, event.currentTarget.checked)}
              data-qa={`kindergarten-language-${code}`}
            />
            <label for={`languages-${code}`}>{t.instructionLanguage[code]}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** The form itself, started from what was read (nothing, for a new kindergarten). */
function KindergartenFormFields({ stored, districts }: { stored: Stored | undefined; districts: readonly District[] }) {
  const { t, s, language } = useStaffI18n();
  const f = s.kindergartenForm;
  const isNew = stored === undefined;
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored));
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const update = (change: Partial<Draft>) => setDraft({ ...draft, ...change });

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const body = bodyOf(draft);
    const id = draft.kindergartenId.trim();
    setBusy(true);
    const result = stored
      ? await api('PUT /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId: stored.kindergartenId }, body: { ...body, version: stored.version } })
      : await api('POST /api/staff/kindergartens', { body: id === '' ? body : { kindergartenId: id, ...body } });
    setBusy(false);
    if (result.ok) return navigate('/staff');
    if (isUnauthorized(result.failure)) return navigate('/staff/login');
    setErrors(errorsOf(result.failure, failureMessage(result.failure, t), isNew));
  };

  const text = (id: string, label: string, value: string, onValue: (value: string) => void, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField id={id} label={label} error={errorFor(errors, id)} value={value} onValue={onValue} qa={`kindergarten-${id}`} autocomplete="off" {...extra} />
  );

  return (
    <>
      <ErrorSummary errors={errors} />
      <LiveStatus message={busy ? t.common.sending : ''} hidden />
      <form onSubmit={(event) => void onSubmit(event)} noValidate data-qa="kindergarten-form">
        {isNew ? (
          text('kindergartenId', f.id, draft.kindergartenId, (value) => update({ kindergartenId: value }), { hint: f.idHint, spellcheck: false, autoCapitalize: 'none' })
        ) : (
          <p data-qa="kindergarten-id">
            {f.idFixed}: <code>{stored.kindergartenId}</code>
          </p>
        )}
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{f.names}</legend>
          {text('name-kk', f.nameKk, draft.name.kk, (value) => update({ name: { ...draft.name, kk: value } }))}
          {text('name-ru', f.nameRu, draft.name.ru, (value) => update({ name: { ...draft.name, ru: value } }))}
          {text('name-en', f.nameEn, draft.name.en, (value) => update({ name: { ...draft.name, en: value } }), { hint: f.nameEnHint })}
        </fieldset>
        <SelectField
          id="ownership"
          label={t.staff.ownership}
          error={errorFor(errors, 'ownership')}
          value={draft.ownership}
          onValue={(value) => update({ ownership: value as Ownership })}
          options={(['state', 'private'] as const).map((value) => ({ value, label: t.ownership[value] }))}
          qa="kindergarten-ownership"
        />
        <LanguageChoice draft={draft} error={errorFor(errors, 'languages-kk')} onChange={(languages) => update({ languages })} />
        <SelectField
          id="district"
          label={t.staff.district}
          error={errorFor(errors, 'district')}
          value={draft.district}
          onValue={(value) => update({ district: value })}
          options={[{ value: '', label: f.chooseDistrict }, ...districts.map((district) => ({ value: district.id, label: district.name[language] }))]}
          qa="kindergarten-district"
        />
        {text('address', f.address, draft.address, (value) => update({ address: value }))}
        <fieldset class="fieldset" aria-describedby="location-hint">
          <legend class="fieldset__legend">{f.location}</legend>
          <p class="hint" id="location-hint">
            {f.locationHint}
          </p>
          {text('lat', f.lat, draft.lat, (value) => update({ lat: value }), { inputMode: 'decimal' })}
          {text('lon', f.lon, draft.lon, (value) => update({ lon: value }), { inputMode: 'decimal' })}
        </fieldset>
        <fieldset class="fieldset" aria-describedby="capacity-hint">
          <legend class="fieldset__legend">{f.capacity}</legend>
          <p class="hint" id="capacity-hint">
            {f.capacityHint}
          </p>
          {ageGroups.map((group) =>
            text(`capacity-${group}`, f.group[group], draft.capacity[group], (value) => update({ capacity: { ...draft.capacity, [group]: value } }), {
              inputMode: 'numeric',
              ...(stored && { hint: f.taken(formatNumber(language, stored.occupancy[group] ?? 0)) }),
            }),
          )}
        </fieldset>
        <button type="submit" class="button" disabled={busy} data-qa="kindergarten-submit">
          {busy ? t.common.sending : isNew ? f.submitNew : f.submitEdit}
        </button>
      </form>
      <p class="back-link">
        <Link href="/staff" data-qa="kindergarten-back">
          {f.back}
        </Link>
      </p>
    </>
  );
}

/**
 * Staff add a kindergarten (no `kindergartenId`) or edit one. The server checks everything (the
 * same rules as the CSV import) and names each problem at its field; an edit carries the
 * revision it read, so a change made meanwhile by someone else is never overwritten.
 */
export function KindergartenFormPage({ kindergartenId }: { kindergartenId?: string }) {
  const { t, s, language } = useStaffI18n();
  // The same hook either way (one call per render): a new kindergarten needs the districts, an edit the kindergarten too.
  const page =
    kindergartenId === undefined
      ? { edit: false as const, ...useSessionPage('GET /api/staff/districts', {}, '/staff/login') }
      : { edit: true as const, ...useSessionPage('GET /api/staff/kindergartens/{kindergartenId}', { params: { kindergartenId } }, '/staff/login') };
  const identity = page.state === 'loading' ? undefined : page.identity;
  const stored = page.edit && page.state === 'ready' ? page.data.kindergarten : undefined;
  return (
    <StaffFrame identity={identity}>
      <PageHeading>
        {kindergartenId === undefined ? s.kindergartenForm.titleNew : stored ? s.kindergartenForm.titleEdit(stored.name[language]) : s.nav.kindergartens}
      </PageHeading>
      <LiveStatus message={page.state === 'loading' ? t.common.loading : ''} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {page.state === 'ready' && <KindergartenFormFields stored={stored} districts={page.data.districts} />}
    </StaffFrame>
  );
}
