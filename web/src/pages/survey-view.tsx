import { Layout } from '../components/layout.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { useI18n } from '../i18n/context.tsx';
import { Link } from '../router.tsx';
import { AnswerList } from '../survey/answer-list.tsx';
import { draftOf } from '../survey/draft.ts';
import { useSessionPage } from '../use-session-page.ts';

/**
 * The answers as sent in this campaign (or, once it has closed, in the last one) and the validity
 * date they gave the applications; with neither an answer nor a running campaign, says so plainly.
 */
export function SurveyViewPage() {
  const { t, language } = useI18n();
  const page = useSessionPage('GET /api/cabinet/survey', {}, '/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  return (
    <Layout identity={identity}>
      <PageHeading>{t.survey.viewTitle}</PageHeading>
      <LiveStatus message={page.state === 'loading' ? t.common.loading : ''} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {page.state === 'ready' &&
        (page.data.answer ? (
          <>
            <p class="notice notice--success" data-qa="survey-valid-until" data-valid-until={page.data.answer.validUntil}>
              {t.survey.validUntil(formatDate(language, page.data.answer.validUntil))}
            </p>
            {page.data.answer.closed && (
              <p data-qa="survey-campaign-closed">{t.survey.closedAnswered}</p>
            )}
            <p class="hint">{t.survey.submittedAt(formatDateTime(language, page.data.answer.submittedAt))}</p>
            <AnswerList survey={page.data} draft={draftOf(page.data.definition.questions, page.data.answer.answers)} qa="survey-answers" />
          </>
        ) : page.data.campaign ? (
          <>
            <p data-qa="survey-not-answered">{t.survey.notAnswered}</p>
            <p>
              <Link href="/survey" class="button" data-qa="survey-link">
                {t.survey.fillIn}
              </Link>
            </p>
          </>
        ) : (
          <p data-qa="survey-no-campaign">{t.survey.noCampaign}</p>
        ))}
      <p>
        <Link href="/cabinet" data-qa="cabinet-link">
          {t.survey.toCabinet}
        </Link>
      </p>
    </Layout>
  );
}
