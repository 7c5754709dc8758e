import { dependencies } from '#adapters/dependencies';
import { metrics, MetricUnit } from '#adapters/metrics';
import { InvalidInputError } from '#domain/errors';
import { answersSchema } from '#domain/survey-answers';
import { currentSurvey } from '#domain/survey-definition';
import { actorOf, parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { validate } from '#http/validation';
import { submitSurvey } from '#use-cases/survey';

/** The request schema comes from the survey definition, so it is built once per cold start. */
const schema = answersSchema(currentSurvey);

export const handler = httpHandler('cabinet-survey-submit', async ({ body, identity, language }) => {
  const parsed = validate(schema, body, language);
  if (!parsed.ok) throw new InvalidInputError(parsed.fields.map((field) => ({ path: field.path, key: field.message })));
  const deps = dependencies();
  const submitted = await submitSurvey(deps, { applicantIin: parentIin(identity), answers: parsed.value.answers, actor: actorOf(identity), now: deps.clock() });
  metrics.addMetric('SurveySubmitted', MetricUnit.Count, 1);
  return { body: submitted };
});
