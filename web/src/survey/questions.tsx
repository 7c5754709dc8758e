import type { ComponentChildren } from 'preact';
import type { SurveyOption, SurveyQuestion, SurveyQuestionOf } from '../api-types.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Draft } from './draft.ts';

export type DraftUpdate = (change: (draft: Draft) => Draft) => void;

export interface QuestionProps<K extends SurveyQuestion['kind'] = SurveyQuestion['kind']> {
  readonly question: SurveyQuestionOf<K>;
  readonly draft: Draft;
  readonly update: DraftUpdate;
  /** The step's problem, shown in the group (the summary above lists it too). */
  readonly error?: string | undefined;
}

/** Adds or removes one id of a list, keeping the order things were chosen in. */
export function toggled(list: readonly string[] | undefined, id: string, on: boolean): string[] {
  const without = (list ?? []).filter((item) => item !== id);
  return on ? [...without, id] : without;
}

/**
 * A question's group: the legend is the page's h1 (one question per page), then its hint and
 * error, tied to the group for screen readers.
 */
export function QuestionGroup({ question, error, children, qa }: { question: SurveyQuestion; error?: string | undefined; children: ComponentChildren; qa: string }) {
  const { t, language } = useI18n();
  const hintId = `${question.id}-hint`;
  const errorId = `${question.id}-error`;
  const describedBy = [question.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <fieldset class="fieldset" aria-describedby={describedBy || undefined} data-qa={qa} data-question={question.id}>
        <legend class="fieldset__legend">
          <h1 tabIndex={-1} data-qa="question-title">
            {question.title[language]}
          </h1>
        </legend>
        {question.hint && (
          <p class="hint" id={hintId}>
            {question.hint[language]}
          </p>
        )}
        {error && (
          <p class="field-error" id={errorId} data-qa="question-error">
            <span class="visually-hidden">{t.common.errorPrefix} </span>
            {error}
          </p>
        )}
        {children}
      </fieldset>
    </div>
  );
}

function Choice({ type, name, id, label, description, checked, onChange, qa }: { type: 'radio' | 'checkbox'; name: string; id: string; label: string; description?: string | undefined; checked: boolean; onChange: (on: boolean) => void; qa: string }) {
  return (
    <div class="choice">
      <input
        class="choice__input"
        type={type}
        id={id}
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.currentTarget.checked)}
        data-qa={qa}
        data-option={id.slice(name.length + 1)}
      />
      <label class="choice__label" for={id}>
        {label}
        {description && (
          <span class="choice__description" data-qa="survey-option-description">
            {description}
          </span>
        )}
      </label>
    </div>
  );
}

/** The id of a question's first input: where the error summary sends the focus. */
export function firstInputId(question: SurveyQuestion): string {
  return `${question.id}-${('options' in question ? question.options[0]?.id : undefined) ?? 'other'}`;
}

/** One of several (radios), with the optional reasons (any of) beneath. */
export function SingleQuestion({ question, draft, update, error }: QuestionProps<'single'>) {
  const { language } = useI18n();
  const { id, reasons } = question;
  const choose = (option: SurveyOption) => update((d) => ({ ...d, choice: { ...d.choice, [id]: option.id } }));
  return (
    <QuestionGroup question={question} error={error} qa="survey-question">
      <div class="choices">
        {question.options.map((option) => (
          <Choice
            key={option.id}
            type="radio"
            name={id}
            id={`${id}-${option.id}`}
            label={option.label[language]}
            description={option.description?.[language]}
            checked={draft.choice[id] === option.id}
            onChange={(on) => on && choose(option)}
            qa="survey-option"
          />
        ))}
      </div>
      {reasons && (
        <fieldset class="fieldset fieldset--nested" data-qa="survey-reasons">
          <legend class="fieldset__legend fieldset__legend--small">{reasons.title[language]}</legend>
          <div class="choices">
            {reasons.options.map((option) => (
              <Choice
                key={option.id}
                type="checkbox"
                name={`${id}-reason`}
                id={`${id}-reason-${option.id}`}
                label={option.label[language]}
                checked={(draft.reasons[id] ?? []).includes(option.id)}
                onChange={(on) => update((d) => ({ ...d, reasons: { ...d.reasons, [id]: toggled(d.reasons[id], option.id, on) } }))}
                qa="survey-reason"
              />
            ))}
          </div>
        </fieldset>
      )}
    </QuestionGroup>
  );
}

/** Any of several (checkboxes), with the optional short "other" text. */
export function MultipleQuestion({ question, draft, update, error }: QuestionProps<'multiple'>) {
  const { t, language } = useI18n();
  const { id, otherMaxLength } = question;
  const otherId = `${id}-other`;
  return (
    <QuestionGroup question={question} error={error} qa="survey-question">
      <div class="choices">
        {question.options.map((option) => (
          <Choice
            key={option.id}
            type="checkbox"
            name={id}
            id={`${id}-${option.id}`}
            label={option.label[language]}
            description={option.description?.[language]}
            checked={(draft.options[id] ?? []).includes(option.id)}
            onChange={(on) => update((d) => ({ ...d, options: { ...d.options, [id]: toggled(d.options[id], option.id, on) } }))}
            qa="survey-option"
          />
        ))}
      </div>
      {otherMaxLength !== undefined && (
        <div class="field field--other">
          <label for={otherId}>{t.survey.other}</label>
          <p class="hint" id={`${otherId}-hint`}>
            {t.survey.otherHint(otherMaxLength)}
          </p>
          <input
            class="input"
            type="text"
            id={otherId}
            name={otherId}
            maxLength={otherMaxLength}
            value={draft.other[id] ?? ''}
            onInput={(event) => {
              const value = event.currentTarget.value;
              update((d) => ({ ...d, other: { ...d.other, [id]: value } }));
            }}
            aria-describedby={`${otherId}-hint`}
            autocomplete="off"
            data-qa={otherId}
          />
        </div>
      )}
    </QuestionGroup>
  );
}
