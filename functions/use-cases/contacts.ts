import { contactProblems, messageLanguage } from '#domain/contacts';
import { InvalidInputError, NotFoundError } from '#domain/errors';
import type { Language } from '#domain/language';
import { maskPhone } from '#domain/parent-phone';
import type { Dependencies } from '#ports/dependencies';

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
}

type ContactDeps = Pick<Dependencies, 'accounts'>;

export async function loadContacts(deps: ContactDeps, iin: string, used: Language): Promise<ContactsView> {
  const account = await deps.accounts.getParent(iin);
  if (!account) throw new NotFoundError();
  return {
    language: messageLanguage(account, used, 'ru'),
    languageChosen: account.language !== undefined,
    phone: maskPhone(account.phone),
    ...(account.secondPhone && { secondPhone: account.secondPhone }),
  };
}

/** Saves the parent's message language and second phone (absent: removed); the phone is never logged. */
export async function saveContacts(deps: ContactDeps, iin: string, input: { readonly language: Language; readonly secondPhone?: string }): Promise<ContactsView> {
  const account = await deps.accounts.getParent(iin);
  if (!account) throw new NotFoundError();
  const problems = contactProblems({ phone: account.phone, ...(input.secondPhone !== undefined && { secondPhone: input.secondPhone }) });
  if (problems.length > 0) throw new InvalidInputError(problems);
  if (!(await deps.accounts.saveParentContacts(iin, input))) throw new NotFoundError();
  return loadContacts(deps, iin, input.language);
}
