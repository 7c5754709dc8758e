import { formatNumber } from '../format.ts';
import type { Language } from './language.ts';

/** Forms of a counted phrase by CLDR plural category; `{n}` is replaced by the number. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

const locales: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
const rules = new Map<Language, Intl.PluralRules>();

function rulesFor(language: Language): Intl.PluralRules {
  let rule = rules.get(language);
  if (!rule) {
    rule = new Intl.PluralRules(locales[language]);
    rules.set(language, rule);
  }
  return rule;
}

/**
 * A phrase with a count in the right grammatical form: Russian needs three (1 заявление,
 * 2 заявления, 5 заявлений), English two, Kazakh one; `Intl.PluralRules` picks the category.
 */
export function counted(language: Language, forms: PluralForms): (count: number) => string {
  return (count) => (forms[rulesFor(language).select(count)] ?? forms.other).replace('{n}', formatNumber(language, count));
}
