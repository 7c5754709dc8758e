import { dependencies } from '#adapters/dependencies';
import { metrics, MetricUnit } from '#adapters/metrics';
import { actorOf, parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { cabinetSurveySubmitRoute } from '#http/routes';
import { submitSurvey } from '#use-cases/survey';

/** The route's body schema is the one derived from the survey versions: `body` is already valid for the version it names. */
export const handler = httpHandler(cabinetSurveySubmitRoute, async ({ body, identity }) => {
  const deps = dependencies();
  const submitted = await submitSurvey(deps, { applicantIin: parentIin(identity), version: body.version, answers: body.answers, actor: actorOf(identity), now: deps.clock() });
  metrics.addMetric('SurveySubmitted', MetricUnit.Count, 1);
  return { body: submitted };
});
