import type { Language } from './language.ts';
import type { SmsKind } from './sms.ts';

/**
 * A parent's e-mail (issue 18 item 6, decision 59): optional, stored `unverified` until the parent
 * opens the link of its verification mail; only a verified address receives notices. Pure: the
 * token is drawn and hashed by the use case, this module holds the rules and the texts.
 */

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its angle brackets, so an address at most 254. */
export const emailMaxLength = 254;
/** A pragmatic address shape (one `@`, a dot in the domain, no spaces or angle brackets); the mail itself proves the rest. */
export const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/** An address as a person types it: trimmed, the domain in lower case (the local part is the mailbox's own). */
export function normaliseEmail(typed: string): string {
  const trimmed = typed.trim();
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`;
}

/**
 * The address as SES takes it, or `undefined` when it cannot be one. SES does not support SMTPUTF8
 * (RFC 6531): an address is 7-bit ASCII, so a domain in another script (`мектеп.қаз`) is sent in
 * Punycode (RFC 3492, `xn--e1aaogsq.xn--80ao21a`, by the WHATWG URL parser's IDNA), and a local
 * part (before the `@`) outside ASCII cannot be sent at all. The length limit holds for this form.
 */
export function mailboxAddress(address: string): string | undefined {
  if (!emailPattern.test(address)) return undefined;
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  // RFC 5321 §4.5.3.1.1: a mailbox's local part is at most 64 octets.
  if (!/^[\x21-\x7e]+$/.test(local) || local.length > 64) return undefined;
  let domain: string;
  try {
    domain = new URL(`http://${address.slice(at + 1)}/`).hostname;
  } catch {
    return undefined;
  }
  const mailbox = `${local}@${domain}`;
  // RFC 1035 §2.3.4: each label of a domain is at most 63 octets.
  const labels = domain.split('.');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) && labels.every((label) => label.length <= 63) && mailbox.length <= emailMaxLength ? mailbox : undefined;
}

/** What is wrong with a typed address (already normalised), if anything: a local part outside Latin letters has its own message. */
export function emailProblem(address: string): 'email_format' | 'email_latin' | undefined {
  if (mailboxAddress(address) !== undefined) return undefined;
  const at = address.lastIndexOf('@');
  return emailPattern.test(address) && /[^\x00-\x7f]/.test(address.slice(0, at)) ? 'email_latin' : 'email_format';
}

export const isEmailAddress = (value: string): boolean => emailProblem(value) === undefined;

/** How long a verification link works. */
export const emailTokenHours = 24;

/** The e-mail fields kept on the parent's account. */
export interface ParentEmail {
  readonly email?: string;
  /** When the parent proved the address theirs; absent: unverified. */
  readonly emailVerifiedAt?: string;
  /** SHA-256 (hex) of the pending verification token; the token itself is only in the mail. */
  readonly emailTokenHash?: string;
  readonly emailTokenExpiresAt?: string;
}

/** The address notices go to: the verified one, else none. */
export function verifiedEmail(account: ParentEmail | undefined): string | undefined {
  return account?.email && account.emailVerifiedAt ? account.email : undefined;
}

/**
 * Why a verification token cannot be used: `invalid` when no pending token has this hash (used
 * already, replaced by a newer mail, the address changed or removed, or another parent's),
 * `expired` when it is the pending one but its time is over.
 */
export function tokenProblem(account: ParentEmail | undefined, tokenHash: string, now: Date): 'invalid' | 'expired' | undefined {
  if (!account?.emailTokenHash || account.emailTokenHash !== tokenHash) return 'invalid';
  if (!account.emailTokenExpiresAt || account.emailTokenExpiresAt <= now.toISOString()) return 'expired';
  return undefined;
}

/** What an e-mail says: a subject (one line) and a plain-text body. */
export interface EmailText {
  readonly subject: string;
  readonly text: string;
}

/** What the texts name: the child as the SMS names it (first name), dates `DD.MM.YYYY`, the site's full link. */
export interface EmailParams {
  readonly link: string;
  readonly child?: string;
  readonly kindergarten?: string;
  readonly date?: string;
}

const sign: Record<Language, string> = {
  kk: 'Құрметпен, білім бөлімі',
  ru: 'С уважением, отдел образования',
  en: 'Kind regards, the education department',
};

const body = (language: Language, lines: readonly string[]) => `${lines.join('\n\n')}\n\n${sign[language]}\n`;

/** The notice e-mails: one language each (the parent's), the same kinds as the SMS, the site's link. */
export const emailTemplates: Readonly<Record<SmsKind, Readonly<Record<Language, (p: Required<EmailParams>) => EmailText>>>> = {
  campaign_started: {
    kk: (p) => ({ subject: 'Балабақша кезегін растаңыз', text: body('kk', [`Балабақша кезегін растау басталды. Кезекті ${p.date} ж. дейін жеке кабинетте растаңыз.`, p.link]) }),
    ru: (p) => ({ subject: 'Подтвердите очередь в детский сад', text: body('ru', [`Началось подтверждение очереди в детский сад. Подтвердите очередь в личном кабинете до ${p.date}.`, p.link]) }),
    en: (p) => ({ subject: 'Confirm your kindergarten queue place', text: body('en', [`The kindergarten queue confirmation has started. Confirm your place in your cabinet by ${p.date}.`, p.link]) }),
  },
  campaign_reminder: {
    kk: (p) => ({ subject: 'Кезекті растау мерзімі аяқталып келеді', text: body('kk', [`Кезекті растау мерзімі ${p.date} аяқталады. Әлі растамасаңыз, жеке кабинетте растаңыз.`, p.link]) }),
    ru: (p) => ({ subject: 'Подтверждение очереди скоро закончится', text: body('ru', [`Подтверждение очереди заканчивается ${p.date}. Если вы ещё не подтвердили, сделайте это в личном кабинете.`, p.link]) }),
    en: (p) => ({ subject: 'Queue confirmation ends soon', text: body('en', [`Queue confirmation ends on ${p.date}. If you have not confirmed yet, do it in your cabinet.`, p.link]) }),
  },
  stop_cleanup: {
    kk: (p) => ({ subject: `${p.child}: өтініш стоп-парақта`, text: body('kk', [`${p.child}: кезек расталмады, өтініш стоп-параққа түсті. Оны жеке кабинетте қайтаруға болады, тіркелу күні сақталады.`, p.link]) }),
    ru: (p) => ({ subject: `${p.child}: заявление в стоп-листе`, text: body('ru', [`${p.child}: очередь не подтверждена, заявление в стоп-листе. Его можно вернуть в личном кабинете, дата постановки в очередь сохранится.`, p.link]) }),
    en: (p) => ({ subject: `${p.child}: application on the stop-list`, text: body('en', [`${p.child}: the queue place was not confirmed, so the application is on the stop-list. You can restore it in your cabinet; its queue date is kept.`, p.link]) }),
  },
  referral_issued: {
    kk: (p) => ({ subject: `${p.child}: жолдама берілді`, text: body('kk', [`${p.child}: ${p.kindergarten} балабақшасына жолдама берілді. Оны ${p.date} ж. дейін пайдаланыңыз.`, p.link]) }),
    ru: (p) => ({ subject: `${p.child}: выдано направление`, text: body('ru', [`${p.child}: выдано направление в ${p.kindergarten}. Используйте его до ${p.date}.`, p.link]) }),
    en: (p) => ({ subject: `${p.child}: referral issued`, text: body('en', [`${p.child}: a referral to ${p.kindergarten} was issued. Use it by ${p.date}.`, p.link]) }),
  },
  referral_expired: {
    kk: (p) => ({ subject: `${p.child}: жолдама мерзімі өтті`, text: body('kk', [`${p.child}: жолдама мерзімі өтті, өтініш стоп-парақта. ${p.date} ж. ол бұрынғы тіркелу күнімен кезекке оралады.`, p.link]) }),
    ru: (p) => ({ subject: `${p.child}: срок направления истёк`, text: body('ru', [`${p.child}: срок направления истёк, заявление в стоп-листе. ${p.date} оно вернётся в очередь с прежней датой.`, p.link]) }),
    en: (p) => ({ subject: `${p.child}: referral expired`, text: body('en', [`${p.child}: the referral expired and the application is on the stop-list. On ${p.date} it returns to the queue with its date kept.`, p.link]) }),
  },
  restored_after_referral: {
    kk: (p) => ({ subject: `${p.child}: өтініш кезекке оралды`, text: body('kk', [`${p.child}: өтініш стоп-парақтан бұрынғы тіркелу күнімен кезекке автоматты түрде оралды.`, p.link]) }),
    ru: (p) => ({ subject: `${p.child}: заявление снова в очереди`, text: body('ru', [`${p.child}: заявление автоматически вернулось из стоп-листа в очередь с прежней датой.`, p.link]) }),
    en: (p) => ({ subject: `${p.child}: back in the queue`, text: body('en', [`${p.child}: the application returned from the stop-list to the queue automatically, with its date kept.`, p.link]) }),
  },
};

/** The text of a notice e-mail; a subject never carries a line break (a name with one is flattened). */
export function emailText(kind: SmsKind, language: Language, params: EmailParams): EmailText {
  const flat = (value: string | undefined) => (value ?? '').replace(/[\r\n]+/g, ' ').trim();
  const text = emailTemplates[kind][language]({ link: params.link, child: flat(params.child), kindergarten: flat(params.kindergarten), date: flat(params.date) });
  return { subject: flat(text.subject), text: text.text };
}

/** The verification mail: the link, how long it works, and what to do when it was not you. */
export function verificationEmail(language: Language, link: string): EmailText {
  switch (language) {
    case 'kk':
      return { subject: 'Электрондық поштаңызды растаңыз', text: body('kk', ['Бұл мекенжай балабақша кезегінің жеке кабинетіне қосылды. Оны растау үшін сілтемені ашыңыз (24 сағат жарамды, бір рет):', link, 'Егер мұны сіз жасамасаңыз, хатты елемеңіз.']) };
    case 'ru':
      return { subject: 'Подтвердите электронную почту', text: body('ru', ['Этот адрес указан в личном кабинете очереди в детский сад. Чтобы подтвердить его, откройте ссылку (действует 24 часа, один раз):', link, 'Если это были не вы, просто не отвечайте на письмо.']) };
    case 'en':
      return { subject: 'Confirm your e-mail address', text: body('en', ['This address was added to a kindergarten queue cabinet. To confirm it, open the link (it works once, for 24 hours):', link, 'If this was not you, ignore this e-mail.']) };
  }
}

/** The cabinet's link that verifies an address (the web app posts the token once the parent is signed in). */
export function verificationLink(siteUrl: string, token: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/cabinet?email-token=${encodeURIComponent(token)}`;
}
