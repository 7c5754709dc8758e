import { failureMessage, type ApiFailure } from './api.ts';
import type { Messages } from './i18n/ru.ts';

/** One problem with a form; `field` is the id of the input it belongs to, if any. */
export interface FormError {
  readonly field?: string;
  readonly message: string;
}

/** Digits only, with the spaces people type or paste between groups removed. */
export function digitsOnly(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/**
 * Turns an API failure into form errors: field errors go to their inputs; any other refusal
 * (a wrong code, wrong password) to the form's main input; server and network trouble to the
 * summary only, since no input is at fault.
 */
export function formErrorsFrom(
  failure: ApiFailure,
  t: Messages,
  fieldIds: Readonly<Record<string, string>>,
  mainField: string,
): FormError[] {
  if (failure.kind === 'http' && failure.error?.fields?.length) {
    return failure.error.fields.map(({ path, message }) => {
      const name = path.split(/[./]/).pop() ?? '';
      const field = fieldIds[name];
      return field === undefined ? { message } : { field, message };
    });
  }
  const message = failureMessage(failure, t);
  if (failure.kind === 'http' && failure.status < 500) return [{ field: mainField, message }];
  return [{ message }];
}

export function errorFor(errors: readonly FormError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}
