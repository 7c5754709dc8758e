// A namespace import of `zod/mini`: `import { z }` keeps every zod locale in each Lambda bundle, and
// classic `zod` keeps all its methods (about 100 KB minified). No zod locale is used at all: every
// message is ours.
import * as z from 'zod/mini';
import type { ZodMiniType } from 'zod/mini';
import type { Language } from '#domain/language';
import { fieldMessage } from './problems.ts';

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * What a field can be told when a schema refuses it without naming a message of its own. Written
 * by hand in each language (zod's own texts read like a library talking: "expected object,
 * received undefined"); a language without one of these keys fails `tsc`.
 */
interface ValidationTexts {
  readonly required: string;
  readonly wrongType: string;
  readonly tooSmall: (minimum: string) => string;
  readonly tooBig: (maximum: string) => string;
  readonly unknownFields: (keys: string) => string;
  readonly notAllowed: string;
  readonly wrongFormat: string;
  readonly invalid: string;
}

export const validationTexts: Readonly<Record<Language, ValidationTexts>> = {
  kk: {
    required: 'Міндетті өріс.',
    wrongType: 'Мәннің түрі қате.',
    tooSmall: (minimum) => `Тым қысқа немесе тым аз (ең азы ${minimum}).`,
    tooBig: (maximum) => `Тым ұзын немесе тым көп (ең көбі ${maximum}).`,
    unknownFields: (keys) => `Белгісіз өрістер: ${keys}.`,
    notAllowed: 'Рұқсат етілмеген мән.',
    wrongFormat: 'Пішімі қате.',
    invalid: 'Мән қате.',
  },
  ru: {
    required: 'Обязательное поле.',
    wrongType: 'Значение неверного типа.',
    tooSmall: (minimum) => `Слишком коротко или слишком мало (не меньше ${minimum}).`,
    tooBig: (maximum) => `Слишком длинно или слишком много (не больше ${maximum}).`,
    unknownFields: (keys) => `Неизвестные поля: ${keys}.`,
    notAllowed: 'Недопустимое значение.',
    wrongFormat: 'Неверный формат.',
    invalid: 'Неверное значение.',
  },
  en: {
    required: 'Required.',
    wrongType: 'This value has the wrong type.',
    tooSmall: (minimum) => `Too short or too few (at least ${minimum}).`,
    tooBig: (maximum) => `Too long or too many (at most ${maximum}).`,
    unknownFields: (keys) => `Unknown fields: ${keys}.`,
    notAllowed: 'This value is not allowed.',
    wrongFormat: 'Wrong format.',
    invalid: 'Invalid value.',
  },
};

function errorMap(language: Language): z.core.$ZodErrorMap {
  const texts = validationTexts[language];
  return (issue) => {
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? texts.required : texts.wrongType;
      case 'too_small':
        return texts.tooSmall(String(issue.minimum));
      case 'too_big':
        return texts.tooBig(String(issue.maximum));
      case 'unrecognized_keys':
        return texts.unknownFields(issue.keys.join(', '));
      case 'invalid_value':
        return texts.notAllowed;
      case 'invalid_format':
        return texts.wrongFormat;
      default:
        return texts.invalid;
    }
  };
}

/** Parses input with a schema; on failure returns field errors (with their paths) in the user's language. */
export function validate<S extends ZodMiniType>(
  schema: S,
  input: unknown,
  language: Language,
): { ok: true; value: z.infer<S> } | { ok: false; fields: FieldError[] } {
  const result = z.safeParse(schema, input, { error: errorMap(language) });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    fields: result.error.issues.map((issue) => ({
      path: issue.path.join('.') || '(body)',
      message: fieldMessage(issue.message, language) ?? issue.message,
    })),
  };
}
