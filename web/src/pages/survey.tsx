import { useEffect, useState } from 'preact/hooks';
import { failureMessage, isUnauthorized } from '../api.ts';
import { api } from '../client.ts';
import type {  SurveyData, SurveyQuestion, SurveySubmitted } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { Layout } from '../components/layout.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import type { FormError } from '../forms.ts';
import { formatDate, formatKazakhstanDate, formatKazakhstanTime } from '../format.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Messages } from '../i18n/ru.ts';
import { Link, navigate } from '../router.tsx';
import { AnswerList } from '../survey/answer-list.tsx';
import { answersOf, clearDraft, draftOf, emptyDraft, loadDraft, problemsOf, saveDraft, type Draft, type StepProblem } from '../survey/draft.ts';
import { KindergartenPicker } from '../survey/kindergarten-picker.tsx';
import { firstInputId, MultipleQuestion, SingleQuestion } from '../survey/questions.tsx';
import { useSessionPage } from '../use-session-page.ts';

type Stage =
  | { readonly kind: 'intro' }
  | { readonly kind: 'answered' }
  | { readonly kind: 'step'; readonly step: number; readonly backToReview: boolean }
  | { readonly kind: 'review' }
  | { readonly kind: 'success'; readonly result: SurveySubmitted };

/** A problem of a step: ours (re-worded on a language switch) or the server's (already localized). */
type Problem = StepProblem | { readonly kind: 'server'; readonly message: string; readonly question?: string };

function problemText(problem: Problem, t: Messages): string {
  switch (problem.kind) {
    case 'chooseOne':
      return t.survey.chooseOne;
    case 'chooseKindergarten':
      return t.survey.chooseKindergarten;
    case 'tooMany':
      return t.survey.tooManyKindergartens(problem.max);
    case 'otherTooLong':
      return t.survey.otherTooLong(problem.max);
    case 'server':
      return problem.message;
  }
}

/** The input a problem's summary entry moves to. */
function problemField(problem: Problem, question: SurveyQuestion): string | undefined {
  if (problem.kind === 'server' && problem.question === undefined) return undefined;
  // The picker's first input; the list follows it.
  if (question.kind === 'kindergartens') return 'kindergarten-search';
  if (problem.kind === 'otherTooLong') return `${question.id}-other`;
  return firstInputId(question);
}

/** The question a server's field path names: `answers.kindergartens`, `answers.ownership.choice`… */
function questionOfPath(path: string, questions: readonly SurveyQuestion[]): number {
  const [head, id] = path.split(/[./]/);
  return head === 'answers' ? questions.findIndex((q) => q.id === id) : -1;
}

/**
 * The parent's survey in the running campaign (SPEC "The survey"): one question per step, a
 * review, then the confirmation that extends every queued application. The draft survives a
 * reload of the tab.
 */
export function SurveyPage() {
  const { t, language } = useI18n();
  const page = useSessionPage('GET /api/cabinet/survey', {}, '/login');
  const [stage, setStage] = useState<Stage | undefined>();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [moves, setMoves] = useState(0);
  const [hasStopped, setHasStopped] = useState(false);
  const survey = page.state === 'ready' ? page.data : undefined;
  const campaignId = survey?.campaign?.campaignId;
  const questions = survey?.definition.questions ?? [];
  const version = survey?.definition.version ?? '';

  // Where to start: a draft of this tab, else the answer already sent, else the first question.
  useEffect(() => {
    if (!survey || stage) return;
    if (!survey.campaign) {
      void api('GET /api/cabinet/applications').then((result) => {
        if (result.ok) setHasStopped(result.data.applications.some((a) => a.status === 'stopped'));
      });
      return;
    }
    const saved = loadDraft(survey.campaign.campaignId, survey.definition.version);
    if (saved) {
      setDraft(saved.draft);
      // Step -1: the introduction, with the preselected kindergartens already in the draft.
      const step = Math.min(saved.step, survey.definition.questions.length);
      setStage(step < 0 ? { kind: 'intro' } : step === survey.definition.questions.length ? { kind: 'review' } : { kind: 'step', step, backToReview: false });
    } else if (survey.answer) {
      setDraft(draftOf(survey.definition.questions, survey.answer.answers));
      setStage({ kind: 'answered' });
    } else {
      // A first visit: the applications' own kindergartens come preselected in question 1.
      const { questions: all, version: shown } = survey.definition;
      const campaignNow = survey.campaign.campaignId;
      void api('GET /api/cabinet/applications').then((result) => {
        const question = all.find((q) => q.kind === 'kindergartens');
        const known = new Set(survey.kindergartens.map((k) => k.kindergartenId));
        const own = result.ok ? result.data.applications.filter((a) => a.confirmationNeeded).flatMap((a) => a.kindergartens.map((k) => k.kindergartenId)) : [];
        const preselected = [...new Set(own)].filter((id) => known.has(id)).slice(0, question?.max ?? 3);
        if (question && preselected.length > 0) {
          const first = { ...emptyDraft, picked: { [question.id]: preselected } };
          setDraft(first);
          saveDraft(campaignNow, shown, -1, first);
        }
        setStage({ kind: 'intro' });
      });
    }
  }, [survey]);

  // Keep the draft of the steps and the review; what was sent needs no draft.
  useEffect(() => {
    if (!campaignId || !stage) return;
    if (stage.kind === 'step') saveDraft(campaignId, version, stage.step, draft);
    else if (stage.kind === 'review') saveDraft(campaignId, version, questions.length, draft);
  }, [campaignId, stage, draft]);

  // A new step is a new page for a screen reader: its heading takes focus (unless errors do).
  useEffect(() => {
    if (moves === 0) return;
    window.scrollTo(0, 0);
    if (problems.length === 0) document.querySelector<HTMLElement>('main h1')?.focus();
  }, [moves]);

  const go = (next: Stage, nextProblems: readonly Problem[] = []) => {
    setProblems(nextProblems);
    setStage(next);
    setMoves((count) => count + 1);
  };

  const identity = page.state === 'loading' ? undefined : page.identity;
  if (page.state === 'loading' || (survey?.campaign && !stage)) {
    return (
      <Layout identity={identity}>
        <LiveStatus message={t.common.loading} />
      </Layout>
    );
  }
  if (page.state === 'forbidden' || page.state === 'failed') {
    return (
      <Layout identity={identity}>
        <PageHeading>{t.survey.closedTitle}</PageHeading>
        <LoadProblem page={page} />
      </Layout>
    );
  }
  const data = page.data;

  if (!data.campaign || !stage) {
    return (
      <Layout identity={identity}>
        <div data-qa="survey-closed">
          <PageHeading>{t.survey.closedTitle}</PageHeading>
          <p>{t.survey.closedText}</p>
          {hasStopped && <p>{t.survey.stoppedText}</p>}
          <p>
            <Link href="/cabinet" data-qa={hasStopped ? 'restore-link' : 'cabinet-link'}>
              {hasStopped ? t.survey.restoreLink : t.survey.toCabinet}
            </Link>
          </p>
        </div>
      </Layout>
    );
  }
  const campaign = data.campaign;

  // Saved at once, not after the next paint: a reload right after a tick keeps it.
  const update = (change: (current: Draft) => Draft) => {
    const changed = change(draft);
    setDraft(changed);
    if (stage.kind !== 'step') return;
    saveDraft(campaign.campaignId, version, stage.step, changed);
    // The error goes as soon as the answer is valid; it is not re-announced while it stands.
    if (problems.length > 0 && problems.every((p) => p.kind !== 'server') && problemsOf(questions[stage.step]!, changed).length === 0) setProblems([]);
  };

  const submit = async () => {
    setBusy(true);
    setProblems([]);
    const result = await api('POST /api/cabinet/survey', { body: { version, answers: answersOf(questions, draft) } });
    setBusy(false);
    if (result.ok) {
      clearDraft(campaign.campaignId);
      return go({ kind: 'success', result: result.data });
    }
    const { failure } = result;
    if (isUnauthorized(failure)) return navigate('/login');
    const fields = failure.kind === 'http' ? (failure.error?.fields ?? []) : [];
    const placed = fields.map((field) => ({ field, step: questionOfPath(field.path, questions) }));
    const first = placed.find((entry) => entry.step >= 0);
    if (first) {
      // Back to the first question the server refused, with its words.
      const atStep = placed.filter((entry) => entry.step === first.step);
      return go(
        { kind: 'step', step: first.step, backToReview: true },
        atStep.map(({ field }) => ({ kind: 'server', message: field.message, question: questions[first.step]!.id })),
      );
    }
    // `campaign_closed` and the like: the server's message says what to do (restore).
    setProblems([{ kind: 'server', message: failureMessage(failure, t) }]);
  };

  if (stage.kind === 'success') {
    const { result } = stage;
    const date = formatDate(language, result.validUntil);
    return (
      <Layout identity={identity}>
        <div data-qa="survey-success">
          <PageHeading>{t.survey.successTitle}</PageHeading>
          <p class="notice notice--success" data-qa="survey-success-text">
            {result.replaced ? t.survey.replacedText(date) : t.survey.successText(date)}
          </p>
          <AnsweredLinks />
        </div>
      </Layout>
    );
  }

  if (stage.kind === 'intro') {
    return (
      <Layout identity={identity}>
        <SurveyIntro campaign={campaign} onStart={() => go({ kind: 'step', step: 0, backToReview: false })} />
      </Layout>
    );
  }

  if (stage.kind === 'answered') {
    return (
      <Layout identity={identity}>
        <div data-qa="survey-answered">
          <PageHeading>{t.survey.answeredTitle}</PageHeading>
          <p>{t.survey.answeredText(formatDate(language, data.answer?.validUntil ?? ''))}</p>
          <div class="button-group">
            <button type="button" class="button" onClick={() => go({ kind: 'step', step: 0, backToReview: false })} data-qa="survey-change-answers">
              {t.survey.changeAnswers}
            </button>
          </div>
          <AnsweredLinks />
        </div>
      </Layout>
    );
  }

  if (stage.kind === 'review') {
    const errors: FormError[] = problems.map((problem) => ({ message: problemText(problem, t) }));
    return (
      <Layout identity={identity}>
        <ErrorSummary errors={errors} attempt={problems} />
        <div data-qa="survey-review">
          <PageHeading>{t.survey.reviewTitle}</PageHeading>
          <AnswerList survey={data} draft={draft} onChange={(step) => go({ kind: 'step', step, backToReview: true })} qa="survey-review-answers" />
          {errors.length > 0 && (
            <p>
              <Link href="/cabinet" data-qa="cabinet-link">
                {t.survey.toCabinet}
              </Link>
            </p>
          )}
          <p class="hint" id="survey-submit-hint">
            {t.survey.submitHint}
          </p>
          <LiveStatus message={busy ? t.common.sending : ''} hidden />
          <div class="button-group">
            <button type="button" class="button" onClick={() => void submit()} disabled={busy} aria-describedby="survey-submit-hint" data-qa="survey-submit">
              {busy ? t.common.sending : t.survey.submit}
            </button>
            <button type="button" class="button button--secondary" onClick={() => go({ kind: 'step', step: questions.length - 1, backToReview: false })} disabled={busy} data-qa="survey-back">
              {t.survey.back}
            </button>
          </div>
        </div>
      </Layout>
    );
  }

  const { step, backToReview } = stage;
  const question = questions[step]!;
  const errors: FormError[] = problems.map((problem) => {
    const field = problemField(problem, question);
    const message = problemText(problem, t);
    return field ? { field, message } : { message };
  });
  const groupError = errors[0]?.message;

  const next = (event: Event) => {
    event.preventDefault();
    const found = problemsOf(question, draft);
    if (found.length > 0) {
      setProblems(found);
      return;
    }
    go(backToReview || step === questions.length - 1 ? { kind: 'review' } : { kind: 'step', step: step + 1, backToReview: false });
  };

  return (
    <Layout identity={identity}>
      <StepTitle text={question.title[language]} />
      <ErrorSummary errors={errors} attempt={problems} />
      <p class="caption" data-qa="survey-step" data-step={step + 1}>
        {t.survey.stepOf(step + 1, questions.length)}
      </p>
      <form onSubmit={next} noValidate data-qa="survey-form" key={question.id}>
        {question.kind === 'kindergartens' ? (
          <KindergartenPicker question={question} draft={draft} update={update} error={groupError} kindergartens={data.kindergartens} districts={data.districts} />
        ) : question.kind === 'single' ? (
          <SingleQuestion question={question} draft={draft} update={update} error={groupError} />
        ) : (
          <MultipleQuestion question={question} draft={draft} update={update} error={groupError} />
        )}
        <div class="button-group survey-actions" data-qa="survey-actions">
          <button type="submit" class="button" data-qa="survey-next">
            {t.survey.next}
          </button>
          {step > 0 && (
            <button type="button" class="button button--secondary" onClick={() => go({ kind: 'step', step: step - 1, backToReview: false })} data-qa="survey-back">
              {t.survey.back}
            </button>
          )}
        </div>
      </form>
      <p>
        <Link href="/cabinet" data-qa="cabinet-link">
          {t.survey.toCabinet}
        </Link>
      </p>
    </Layout>
  );
}

/**
 * What a parent reads before question 1, after the department's own instruction: why it asks, by
 * when, what happens without an answer (and that nothing happens behind their back), and whose
 * applications need no confirmation at all.
 */
function SurveyIntro({ campaign, onStart }: { campaign: NonNullable<SurveyData['campaign']>; onStart: () => void }) {
  const { t, language } = useI18n();
  const intro = t.survey.intro;
  return (
    <div data-qa="survey-intro">
      <PageHeading>{intro.title}</PageHeading>
      <p class="lead">{intro.why}</p>
      <p>{intro.survey}</p>
      <p class="notice" data-qa="survey-intro-deadline">
        <strong>{intro.deadline(formatKazakhstanDate(language, campaign.endsAt), formatKazakhstanTime(campaign.endsAt))}</strong>
      </p>
      <h2>{intro.withoutTitle}</h2>
      <p>{intro.without}</p>
      <p data-qa="survey-intro-calm">{intro.calm}</p>
      <h2>{intro.youngTitle}</h2>
      <p data-qa="survey-intro-young">{intro.young(campaign.year)}</p>
      <div class="button-group">
        <button type="button" class="button" onClick={onStart} data-qa="survey-start">
          {t.survey.fillIn}
        </button>
      </div>
      <p>
        <Link href="/cabinet" data-qa="cabinet-link">
          {t.survey.toCabinet}
        </Link>
      </p>
    </div>
  );
}

/** The tab's title follows the question (its h1 sits in the group's legend). */
function StepTitle({ text }: { text: string }) {
  useEffect(() => {
    document.title = `${text} — kezek`;
  }, [text]);
  return null;
}

/** Where a parent goes once the survey is sent: their answers, or back to the cabinet. */
function AnsweredLinks() {
  const { t } = useI18n();
  return (
    <ul class="plain-list link-list">
      <li>
        <Link href="/survey/view" data-qa="survey-view-link">
          {t.survey.viewSurvey}
        </Link>
      </li>
      <li>
        <Link href="/cabinet" data-qa="cabinet-link">
          {t.survey.toCabinet}
        </Link>
      </li>
    </ul>
  );
}
