import type { Dashboard, DashboardOption, DashboardQuestion } from '../../api-types.ts';
import { formatNumber } from '../../format.ts';
import { formatPercent } from './percent.ts';
import { useStaffI18n } from '../i18n/context.ts';

/** One question's (or its reasons') options as horizontal bars: the count and its share of the answers. */
function OptionBars({ questionId, options, answers, qa }: { questionId: string; options: readonly DashboardOption[]; answers: number; qa: string }) {
  const { s, language } = useStaffI18n();
  const top = Math.max(1, ...options.map((option) => option.count));
  return (
    <ul class="option-bars">
      {options.map((option) => {
        const share = answers > 0 ? option.count / answers : 0;
        return (
          <li key={option.id} class="option-bars__row" data-qa={qa} data-question={questionId} data-option={option.id} data-count={option.count}>
            <span class="option-bars__label">{option.label[language]}</span>
            <span class="option-bars__track" aria-hidden="true">
              <span class="option-bars__bar" style={{ width: `${(option.count / top) * 100}%`, minWidth: option.count > 0 ? '2px' : 0 }} />
            </span>
            <span class="option-bars__value">{s.dashboard.questions.value(formatNumber(language, option.count), formatPercent(language, share))}</span>
          </li>
        );
      })}
    </ul>
  );
}

function QuestionChart({ question, answers }: { question: DashboardQuestion; answers: number }) {
  const { s, language } = useStaffI18n();
  const headingId = `question-${question.id}`;
  return (
    <section class="question-chart" aria-labelledby={headingId} data-qa="question-chart" data-question={question.id}>
      <h3 id={headingId}>{question.title[language]}</h3>
      {question.kind === 'multiple' && <p class="hint">{s.dashboard.questions.several}</p>}
      <OptionBars questionId={question.id} options={question.options} answers={answers} qa="option-count" />
      {question.reasons && (
        <div class="question-chart__reasons" data-qa="question-reasons">
          <h4>{question.reasons.title[language]}</h4>
          <p class="hint">{s.dashboard.questions.several}</p>
          <OptionBars questionId={question.id} options={question.reasons.options} answers={answers} qa="reason-count" />
        </div>
      )}
    </section>
  );
}

/** Questions 2–6 of the survey in the filtered slice of answers; shares are of that slice. */
export function Distributions({ dashboard }: { dashboard: Dashboard }) {
  const { s } = useStaffI18n();
  return (
    <section aria-labelledby="questions-heading" data-qa="distributions" data-answers={dashboard.answers}>
      <h2 id="questions-heading">{s.dashboard.questions.heading}</h2>
      <p data-qa="answers-count">{s.dashboard.questions.answers(dashboard.answers)}</p>
      {dashboard.answers === 0 && <p data-qa="no-answers">{s.dashboard.questions.none}</p>}
      <div class="question-charts">
        {dashboard.questions.map((question) => (
          <QuestionChart key={question.id} question={question} answers={dashboard.answers} />
        ))}
      </div>
    </section>
  );
}
