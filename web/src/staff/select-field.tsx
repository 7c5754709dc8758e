import { useI18n } from '../i18n/context.tsx';

interface SelectFieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly qa: string;
}

/** A labelled select with its hint and inline error, tied to it like `TextField`. */
export function SelectField({ id, label, hint, error, value, onValue, options, qa }: SelectFieldProps) {
  const { t } = useI18n();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} data-qa={`${qa}-error`}>
          <span class="visually-hidden">{t.common.errorPrefix} </span>
          {error}
        </p>
      )}
      <select
        id={id}
        name={id}
        class="input"
        value={value}
        onChange={(event) => onValue(event.currentTarget.value)}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        data-qa={qa}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
