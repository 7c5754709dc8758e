import { useEffect, useRef, useState } from 'preact/hooks';
import { isUnauthorized } from '../api.ts';
import { api } from '../client.ts';
import type { ApplicantPhone, StaffApplication } from '../api-types.ts';
import { isPhoneNumber, PhoneField, typedPhone } from '../components/phone-field.tsx';
import { errorFor, formErrorsFrom, type FormError } from '../forms.ts';
import { navigate } from '../router.tsx';
import { useStaffI18n } from './i18n/context.ts';

const fieldId = 'applicant-phone';

/**
 * The parent's cabinet phone (masked) and a form to replace it. The change names the version the
 * page showed, so two staff members cannot overwrite each other unseen; the server refuses a
 * parent outside the department, sends both SMS and writes the history event.
 */
export function ApplicantPhoneForm({ application, phone, onChange }: { application: StaffApplication; phone: ApplicantPhone | undefined; onChange: (next: StaffApplication) => void }) {
  const { t, s } = useStaffI18n();
  const [current, setCurrent] = useState(phone);
  const [value, setValue] = useState('+7');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) noticeRef.current?.focus();
  }, [done]);

  if (!current) {
    return (
      <section aria-labelledby="phone-heading" class="actions" data-qa="applicant-phone">
        <h2 id="phone-heading">{s.application.phone.heading}</h2>
        <p data-qa="applicant-phone-none">{s.application.phone.none}</p>
      </section>
    );
  }
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setDone(false);
    const typed = typedPhone(value);
    if (!isPhoneNumber(typed)) {
      setErrors([{ field: fieldId, message: s.application.phone.missing }]);
      return document.getElementById(fieldId)?.focus();
    }
    setBusy(true);
    const result = await api('PUT /api/staff/applications/{applicationId}/applicant-phone', { params: { applicationId: application.applicationId }, body: {
      phone: typed,
      expectedVersion: current.version,
    } });
    setBusy(false);
    if (result.ok) {
      setErrors([]);
      setCurrent(result.data.applicantPhone);
      setValue('+7');
      setDone(true);
      return onChange(result.data.application);
    }
    if (isUnauthorized(result.failure)) return navigate('/staff/login');
    setErrors(formErrorsFrom(result.failure, t, { phone: fieldId }, fieldId));
    document.getElementById(fieldId)?.focus();
  };
  return (
    <section aria-labelledby="phone-heading" class="actions" data-qa="applicant-phone">
      <h2 id="phone-heading">{s.application.phone.heading}</h2>
      <dl class="details">
        <div>
          <dt>{s.application.phone.onFile}</dt>
          <dd class="mono" data-qa="applicant-phone-masked">
            {current.masked}
          </dd>
        </div>
      </dl>
      <p class="action-notice" role="status" tabIndex={-1} ref={noticeRef} data-qa="applicant-phone-notice">
        {done ? s.application.phone.done : ''}
      </p>
      <form onSubmit={onSubmit} noValidate class="action" data-qa="applicant-phone-form">
        <PhoneField
          id={fieldId}
          label={s.application.phone.label}
          hint={s.application.phone.hint}
          error={errorFor(errors, fieldId)}
          value={value}
          onValue={setValue}
          autocomplete="off"
          qa="applicant-phone-input"
        />
        {errors
          .filter((error) => error.field === undefined)
          .map((error) => (
            <p class="inline-error" role="alert" key={error.message}>
              {error.message}
            </p>
          ))}
        <button type="submit" class="button button--secondary" disabled={busy} data-qa="applicant-phone-submit">
          {s.application.phone.submit}
        </button>
      </form>
    </section>
  );
}
