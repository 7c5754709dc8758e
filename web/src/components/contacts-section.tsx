import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage, isUnauthorized } from '../api.ts';
import { api } from '../client.ts';
import type { Contacts, ContactsInput } from '../api-types.ts';
import { errorFor, formErrorsFrom, type FormError } from '../forms.ts';
import { useI18n } from '../i18n/context.tsx';
import { languages, type Language } from '../i18n/language.ts';
import { navigate } from '../router.tsx';
import { isPhoneNumber, PhoneField, typedPhone } from './phone-field.tsx';

const secondPhoneId = 'contacts-second-phone';
const languageId = (language: Language) => `contacts-language-${language}`;

/**
 * The cabinet's "Contacts" section (issue 18 item 6): the one language of every SMS and e-mail
 * (preselected: the chosen one, else the language the cabinet is read in) and a second phone a
 * failed SMS is tried on. Errors are tied to their fields; the result is announced.
 */
export function ContactsSection() {
  const { t } = useI18n();
  const [contacts, setContacts] = useState<Contacts | null | undefined>();
  const [language, setLanguage] = useState<Language>('ru');
  const [secondPhone, setSecondPhone] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let live = true;
    void api('GET /api/cabinet/contacts').then((result) => {
      if (!live) return;
      if (!result.ok) return setContacts(null);
      setContacts(result.data.contacts);
      setLanguage(result.data.contacts.language);
      setSecondPhone(result.data.contacts.secondPhone ?? '');
    });
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (saved) noticeRef.current?.focus();
  }, [saved]);

  if (contacts === undefined || contacts === null) return null;
  const c = t.contacts;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const typed = typedPhone(secondPhone);
    if (typed !== '' && !isPhoneNumber(typed)) {
      setErrors([{ field: secondPhoneId, message: c.secondPhoneFormat }]);
      return document.getElementById(secondPhoneId)?.focus();
    }
    setBusy(true);
    const body: ContactsInput = { language, ...(typed !== '' && { secondPhone: typed }) };
    const result = await api('PUT /api/cabinet/contacts', { body });
    setBusy(false);
    if (result.ok) {
      setErrors([]);
      setContacts(result.data.contacts);
      setSecondPhone(result.data.contacts.secondPhone ?? '');
      return setSaved(true);
    }
    if (isUnauthorized(result.failure)) return navigate('/login');
    const next = formErrorsFrom(result.failure, t, { secondPhone: secondPhoneId, language: languageId(language) }, secondPhoneId);
    setErrors(next.length > 0 ? next : [{ message: failureMessage(result.failure, t) }]);
    document.getElementById(next[0]?.field ?? secondPhoneId)?.focus();
  };

  return (
    <section aria-labelledby="contacts-heading" data-qa="contacts">
      <h2 id="contacts-heading">{c.heading}</h2>
      <p class="hint">{c.intro}</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate data-qa="contacts-form">
        <fieldset class="fieldset" aria-describedby={contacts.languageChosen ? undefined : 'contacts-language-default'}>
          <legend class="fieldset__legend fieldset__legend--small">{c.languageLegend}</legend>
          {!contacts.languageChosen && (
            <p class="hint" id="contacts-language-default" data-qa="contacts-language-default">
              {c.languageDefault}
            </p>
          )}
          <div class="radios">
            {languages.map((option) => (
              <div class="radio" key={option}>
                <input
                  type="radio"
                  id={languageId(option)}
                  name="contacts-language"
                  value={option}
                  lang={option}
                  checked={language === option}
                  onChange={() => setLanguage(option)}
                  data-qa={languageId(option)}
                />
                <label for={languageId(option)} lang={option}>
                  {c.languageNames[option]}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <dl class="details">
          <div>
            <dt>{c.phone}</dt>
            <dd class="mono" data-qa="contacts-phone">
              {contacts.phone}
            </dd>
          </div>
        </dl>
        <p class="hint">{c.phoneHint}</p>
        <PhoneField
          id={secondPhoneId}
          label={c.secondPhone}
          hint={c.secondPhoneHint}
          error={errorFor(errors, secondPhoneId)}
          value={secondPhone}
          onValue={setSecondPhone}
          autocomplete="tel"
          qa="contacts-second-phone"
        />
        {errors
          .filter((error) => error.field === undefined)
          .map((error) => (
            <p class="inline-error" role="alert" key={error.message}>
              {error.message}
            </p>
          ))}
        <p class="action-notice" role="status" tabIndex={-1} ref={noticeRef} data-qa="contacts-notice">
          {saved ? c.saved : ''}
        </p>
        <button type="submit" class="button button--secondary" disabled={busy} data-qa="contacts-submit">
          {c.save}
        </button>
      </form>
    </section>
  );
}
