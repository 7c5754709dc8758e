import { createHash, randomBytes } from 'node:crypto';
import { contactProblems, messageLanguage } from '#domain/contacts';
import { emailProblem, emailTokenHours, mailboxAddress, normaliseEmail, tokenProblem, verificationEmail, verificationLink } from '#domain/email';
import { EmailLinkExpiredError, EmailLinkInvalidError, InvalidInputError, NotFoundError } from '#domain/errors';
import type { Language } from '#domain/language';
import { maskPhone } from '#domain/parent-phone';
import { RateLimitedError, verificationMailLimits } from '#domain/rate-limits';
import type { Dependencies } from '#ports/dependencies';
import { mailDisabled, permanentMailErrors } from '#ports/mailer';
import type { EmailChange } from '#ports/stores';
import { enforceLimits } from './rate-limits.ts';

/** The cabinet's "Contacts" section: what the parent's messages go to and in which language. */
export interface ContactsView {
  /** The language of every SMS and e-mail: the chosen one, else the one the cabinet is read in now. */
  readonly language: Language;
  /** Whether the parent chose it (else it is the default shown, not yet stored). */
  readonly languageChosen: boolean;
  /** The first phone, masked: staff change it, the parent only sees which one it is. */
  readonly phone: string;
  /** The second phone as the parent typed it (their own number, shown to them only). */
  readonly secondPhone?: string;
  /** The e-mail as the parent typed it (shown to them only), and whether its link was opened: only then it receives notices. */
  readonly email?: string;
  readonly emailVerified?: boolean;
  /**
   * On a save with an unconfirmed address: `sent`, a new link went out (the older one died);
   * `held`, the hourly limit of links was reached, so none went out and the last one still works.
   */
  readonly verificationMail?: 'sent' | 'held';
}

type ContactDeps = Pick<Dependencies, 'accounts'>;
type SaveDeps = Pick<Dependencies, 'accounts' | 'auth' | 'mailer' | 'siteUrl' | 'clock' | 'rateLimitScale'>;

export async function loadContacts(deps: ContactDeps, iin: string, used: Language): Promise<ContactsView> {
  const account = await deps.accounts.getParent(iin);
  if (!account) throw new NotFoundError();
  return {
    language: messageLanguage(account, used, 'ru'),
    languageChosen: account.language !== undefined,
    phone: maskPhone(account.phone),
    ...(account.secondPhone && { secondPhone: account.secondPhone }),
    ...(account.email && { email: account.email, emailVerified: account.emailVerifiedAt !== undefined }),
  };
}

/** A verification token: 256 random bits in the link; only its SHA-256 is stored. */
export const hashEmailToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Saves the parent's message language, second phone and e-mail (each absent: removed); phones and
 * the address are never logged. A new address, or the same one still unverified, is stored
 * unverified with a new token (the older link dies) and gets one verification mail in the chosen
 * language; a verified address saved again is kept as it is (decision 59).
 */
export async function saveContacts(deps: SaveDeps, iin: string, input: { readonly language: Language; readonly secondPhone?: string; readonly email?: string }): Promise<ContactsView> {
  const account = await deps.accounts.getParent(iin);
  if (!account) throw new NotFoundError();
  const problems = contactProblems({ phone: account.phone, ...(input.secondPhone !== undefined && { secondPhone: input.secondPhone }) });
  const address = input.email === undefined ? undefined : normaliseEmail(input.email);
  const addressProblem = address === undefined ? undefined : emailProblem(address);
  if (addressProblem) problems.push({ path: 'email', key: addressProblem });
  if (problems.length > 0) throw new InvalidInputError(problems);
  let email: EmailChange = { kind: 'keep' };
  let token: string | undefined;
  let verificationMail: ContactsView['verificationMail'];
  if (address === undefined) {
    if (account.email !== undefined) email = { kind: 'remove' };
  } else if (address !== account.email || account.emailVerifiedAt === undefined) {
    // Each such save mails a link: counted before anything is written, so a refused save changes nothing.
    let held = false;
    try {
      await enforceLimits(deps, [{ limits: verificationMailLimits.perIin, subject: iin, counting: 'exact' }], deps.rateLimitScale);
    } catch (error) {
      // The same unconfirmed address, saved with a new language or phone once the links of the hour are used up:
      // the rest is saved and the address kept with its last link, which still works; a new address is still refused.
      if (!(error instanceof RateLimitedError) || address !== account.email) throw error;
      held = true;
    }
    if (held) {
      verificationMail = 'held';
    } else {
      token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(deps.clock().getTime() + emailTokenHours * 3_600_000).toISOString();
      email = { kind: 'set', address, tokenHash: hashEmailToken(token), expiresAt };
      verificationMail = 'sent';
    }
  }
  if (!(await deps.accounts.saveParentContacts(iin, { language: input.language, ...(input.secondPhone !== undefined && { secondPhone: input.secondPhone }), email }))) throw new NotFoundError();
  if (token && address) {
    const mail = verificationEmail(input.language, verificationLink(deps.siteUrl, token));
    try {
      await deps.mailer.send({ to: mailboxAddress(address) ?? address, ...mail });
    } catch (error) {
      // The provider refuses this address for good: the parent corrects it (the stored one stays unverified, receiving nothing).
      if (error instanceof Error && permanentMailErrors.includes(error.name)) throw new InvalidInputError([{ path: 'email', key: 'email_format' }]);
      if (error instanceof Error && error.name === mailDisabled) throw new InvalidInputError([{ path: 'email', key: 'email_unavailable' }]);
      throw error;
    }
  }
  return { ...(await loadContacts(deps, iin, input.language)), ...(verificationMail && { verificationMail }) };
}

/**
 * Verifies the parent's e-mail with the token of their verification link: only the signed-in
 * parent's own pending token, before it expires, once (a conditional write uses it up). A used,
 * replaced or foreign token is `email_link_invalid`; an expired one `email_link_expired`.
 */
export async function verifyEmail(deps: Pick<Dependencies, 'accounts' | 'clock'>, iin: string, token: string, used: Language): Promise<ContactsView> {
  const now = deps.clock();
  const tokenHash = hashEmailToken(token);
  const account = await deps.accounts.getParent(iin);
  if (!account) throw new NotFoundError();
  const problem = tokenProblem(account, tokenHash, now);
  if (problem === 'expired') throw new EmailLinkExpiredError();
  if (problem === 'invalid' || !(await deps.accounts.verifyParentEmail(iin, tokenHash, now.toISOString()))) throw new EmailLinkInvalidError();
  return loadContacts(deps, iin, used);
}
