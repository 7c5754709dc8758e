import type { Language } from './language.ts';

/**
 * A parent's contacts for messages (issue 18 item 6): the one language every SMS and e-mail to
 * them is written in, and a second phone a failed SMS is tried on once. Pure: the cabinet's
 * form and the sender both read them through these rules.
 */
export interface ParentContacts {
  readonly language?: Language;
  readonly secondPhone?: string;
}

/** A Kazakhstan phone as the first one is kept: `+7` and ten digits (E.164). */
export const kazakhstanPhonePattern = /^\+7\d{10}$/;

/** A phone as a person types it (spaces, brackets, dashes), normalised; unchanged when it is not one. */
export function normalisePhone(typed: string): string {
  return typed.replace(/[\s()-]/g, '');
}

/**
 * The language of a parent's messages: the one they chose in the cabinet, else the one they
 * use (the cabinet's language when they open it; the application's when a job writes), else the
 * department's first language.
 */
export function messageLanguage(contacts: ParentContacts | undefined, used: Language | undefined, departmentFirst: Language): Language {
  return contacts?.language ?? used ?? departmentFirst;
}

/** The field problems of contacts a parent saves, as `fieldMessages` keys. */
export function contactProblems(input: { readonly phone: string; readonly secondPhone?: string }): { path: string; key: string }[] {
  if (input.secondPhone === undefined) return [];
  if (!kazakhstanPhonePattern.test(input.secondPhone)) return [{ path: 'secondPhone', key: 'phone_format' }];
  if (input.secondPhone === input.phone) return [{ path: 'secondPhone', key: 'second_phone_same' }];
  return [];
}
