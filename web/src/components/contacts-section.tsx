import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage, isUnauthorized } from '../api.ts';
import { api } from '../client.ts';
import type { Contacts, ContactsInput } from '../api-types.ts';
import { errorFor, formErrorsFrom, type FormError } from '../forms.ts';
import { useI18n } from '../i18n/context.tsx';
import { languages, type Language } from '../i18n/language.ts';
import { navigate } from '../router.tsx';
import { isPhoneNumber, PhoneField, typedPhone } from './phone-field.tsx';
import { TextField } from './text-field.tsx';

const secondPhoneId = 'contacts-second-phone';
const emailId = 'contacts-email';
/** The verification link's token, kept across the login a signed-out parent passes through first. */
const pendingTokenKey = 'kezek.email-token';

/** The `?email-token=` of a verification link (then taken out of the address bar), or one kept before a login. */
function takeEmailToken(): string | undefined {
  const url = new URL(window.location.href);
  const fromLink = url.searchParams.get('email-token');
  if (fromLink) {
    url.searchParams.delete('email-token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    sessionStorage.setItem(pendingTokenKey, fromLink);
  }
  return sessionStorage.getItem(pendingTokenKey) ?? undefined;
}
const languageId = (language: Language) => `contacts-language-${language}`;

/**
 * The cabinet's "Contacts" section (issue 18 item 6): the one language of every SMS and e-mail
 * (preselected: the chosen one, else the language the cabinet is read in), a second phone a
 * failed SMS is tried on, and an e-mail, which receives messages once confirmed by the link mailed
 * to it (opening the link lands here and confirms it, decision 59). Errors are tied to their
 * fields; the result is announced.
 */
export function ContactsSection() {
  const { t } = useI18n();
  const [contacts, setContacts] = useState<Contacts | null | undefined>();
  const [language, setLanguage] = useState<Language>('ru');
  const [secondPhone, setSecondPhone] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | false>(false);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let live = true;
    const show = (loaded: Contacts) => {
      setContacts(loaded);
      setLanguage(loaded.language);
      setSecondPhone(loaded.secondPhone ?? '');
      setEmail(loaded.email ?? '');
    };
    void api('GET /api/cabinet/contacts').then(async (result) => {
      if (!live) return;
      if (!result.ok) return setContacts(null);
      show(result.data.contacts);
      const token = takeEmailToken();
      if (!token) return;
      const verified = await api('PUT /api/cabinet/contacts', { body: { emailToken: token } });
      if (!live) return;
      if (verified.ok || !isUnauthorized(verified.failure)) sessionStorage.removeItem(pendingTokenKey);
      if (verified.ok) {
        show(verified.data.contacts);
        return setSaved(t.contacts.emailConfirmed);
      }
      setErrors([{ message: failureMessage(verified.failure, t) }]);
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
    const address = email.trim();
    const problems: FormError[] = [
      ...(typed !== '' && !isPhoneNumber(typed) ? [{ field: secondPhoneId, message: c.secondPhoneFormat }] : []),
      ...(address !== '' && (address.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) ? [{ field: emailId, message: c.emailFormat }] : []),
    ];
    if (problems.length > 0) {
      setErrors(problems);
      return document.getElementById(problems[0]!.field!)?.focus();
    }
    setBusy(true);
    const body: ContactsInput = { language, ...(typed !== '' && { secondPhone: typed }), ...(address !== '' && { email: address }) };
    const result = await api('PUT /api/cabinet/contacts', { body });
    setBusy(false);
    if (result.ok) {
      setErrors([]);
      setContacts(result.data.contacts);
      setSecondPhone(result.data.contacts.secondPhone ?? '');
      setEmail(result.data.contacts.email ?? '');
      // Saving an unconfirmed address sends it a new link (the older one stops working), unless the hour's links are used up.
      const mail = result.data.contacts.verificationMail;
      return setSaved(mail === 'held' ? c.emailHeld : result.data.contacts.emailVerified === false ? c.emailSent : c.saved);
    }
    if (isUnauthorized(result.failure)) return navigate('/login');
    const next = formErrorsFrom(result.failure, t, { secondPhone: secondPhoneId, email: emailId, language: languageId(language) }, secondPhoneId);
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
        <TextField
          id={emailId}
          label={c.email}
          hint={c.emailHint}
          error={errorFor(errors, emailId)}
          value={email}
          onValue={setEmail}
          type="email"
          inputMode="email"
          autocomplete="email"
          maxLength={254}
          qa="contacts-email"
        />
        {contacts.email !== undefined && (
          <p class="hint" data-qa="contacts-email-status">
            {contacts.emailVerified ? c.emailVerified : c.emailUnverified}
          </p>
        )}
        {errors
          .filter((error) => error.field === undefined)
          .map((error) => (
            <p class="inline-error" role="alert" key={error.message}>
              {error.message}
            </p>
          ))}
        <p class="action-notice" role="status" tabIndex={-1} ref={noticeRef} data-qa="contacts-notice">
          {saved || ''}
        </p>
        <button type="submit" class="button button--secondary" disabled={busy} data-qa="contacts-submit">
          {c.save}
        </button>
      </form>
    </section>
  );
}
