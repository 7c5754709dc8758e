import { dependencies } from '#adapters/dependencies';
import { parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { cabinetSurveyRoute } from '#http/routes';
import { surveyForParent } from '#use-cases/survey';

export const handler = httpHandler(cabinetSurveyRoute, async ({ identity }) => {
  const deps = dependencies();
  return { body: await surveyForParent(deps, parentIin(identity), deps.clock()) };
});
