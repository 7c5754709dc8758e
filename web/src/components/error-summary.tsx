import { useEffect, useRef } from 'preact/hooks';
import type { FormError } from '../forms.ts';
import { useI18n } from '../i18n/context.tsx';

/**
 * GOV.UK-style summary at the top of a form. It takes focus once per failed submit; each entry
 * links to its input. `attempt` names that submit: pages that build `errors` anew on every render
 * pass the state the errors come from, so a tap on an option (a re-render) leaves focus and the
 * scroll position where the parent is.
 */
export function ErrorSummary({ errors, attempt }: { errors: readonly FormError[]; attempt?: unknown }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [attempt ?? errors]);
  if (errors.length === 0) return null;

  // Focus the input ourselves: following "#id" would change the URL and scroll the label away.
  const focusField = (event: MouseEvent, field: string) => {
    event.preventDefault();
    const input = document.getElementById(field);
    input?.scrollIntoView({ block: 'center' });
    input?.focus();
  };

  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref} data-qa="error-summary">
      <h2 id="error-summary-title">{t.common.errorSummaryTitle}</h2>
      <ul>
        {errors.map((error) => (
          <li key={`${error.field ?? ''}:${error.message}`}>
            {error.field === undefined ? (
              error.message
            ) : (
              <a href={`#${error.field}`} onClick={(event) => focusField(event, error.field ?? '')}>
                {error.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
