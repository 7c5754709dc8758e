import type { JSX } from 'preact';
import { useI18n } from '../i18n/context.tsx';

type InputProps = Pick<
  JSX.InputHTMLAttributes<HTMLInputElement>,
  'type' | 'inputMode' | 'autocomplete' | 'maxLength' | 'spellcheck' | 'autoCapitalize' | 'readOnly'
>;

interface TextFieldProps extends InputProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | undefined;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly qa: string;
  /** Narrow inputs hint at how long the answer is (an IIN, a 6-digit code). */
  readonly width?: 'code' | 'iin';
}

/** A labelled input with its hint and inline error, all tied to it for screen readers. */
export function TextField({ id, label, hint, error, value, onValue, qa, width, ...input }: TextFieldProps) {
  const { t } = useI18n();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={errorId} data-qa={`${qa}-error`}>
          <span class="visually-hidden">{t.common.errorPrefix} </span>
          {error}
        </p>
      )}
      <input
        {...input}
        id={id}
        name={id}
        class={width ? `input input--${width}` : 'input'}
        value={value}
        onInput={(event) => onValue(event.currentTarget.value)}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
        data-qa={qa}
      />
    </div>
  );
}
