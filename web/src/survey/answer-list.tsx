import type { SurveyData } from '../api-types.ts';
import { formatList } from '../format.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Draft } from './draft.ts';

/**
 * Every answer under its question, in the reader's language: the review before sending (with a
 * "Change" per question) and the answers as sent.
 */
export function AnswerList({ survey, draft, onChange, qa }: { survey: SurveyData; draft: Draft; onChange?: (step: number) => void; qa: string }) {
  const { t, language } = useI18n();
  const label = (options: readonly { id: string; label: Record<typeof language, string> }[] | undefined, id: string) => options?.find((o) => o.id === id)?.label[language] ?? id;

  const answerText = (step: number): string[] => {
    const question = survey.definition.questions[step]!;
    const { id } = question;
    if (question.kind === 'kindergartens') {
      return (draft.picked[id] ?? []).map((kid) => survey.kindergartens.find((k) => k.kindergartenId === kid)?.name[language] ?? kid);
    }
    if (question.kind === 'single') {
      const choice = draft.choice[id];
      const lines = choice ? [label(question.options, choice)] : [];
      const reasons = (draft.reasons[id] ?? []).map((r) => label(question.reasons?.options, r));
      if (question.reasons && reasons.length > 0) lines.push(`${question.reasons.title[language]} ${formatList(language, reasons)}`);
      return lines;
    }
    const chosen = (draft.options[id] ?? []).map((o) => label(question.options, o));
    const other = (draft.other[id] ?? '').trim();
    if (other) chosen.push(`${t.survey.other}: ${other}`);
    return chosen;
  };

  return (
    <dl class="summary" data-qa={qa}>
      {survey.definition.questions.map((question, step) => {
        const lines = answerText(step);
        return (
          <div class="summary__row" key={question.id} data-qa="answer-row" data-question={question.id}>
            <dt class="summary__key">{question.title[language]}</dt>
            <dd class="summary__value" data-qa="answer-value">
              {lines.length === 0 ? (
                t.survey.nothingChosen
              ) : lines.length === 1 ? (
                lines[0]
              ) : (
                <ul class="plain-list">
                  {lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
            </dd>
            {onChange && (
              <dd class="summary__action">
                <button type="button" class="link-button" onClick={() => onChange(step)} data-qa="survey-change" data-step={step + 1}>
                  {t.survey.change}
                  <span class="visually-hidden">: {question.title[language]}</span>
                </button>
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}
