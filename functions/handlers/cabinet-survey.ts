import { dependencies } from '#adapters/dependencies';
import { parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { surveyForParent } from '#use-cases/survey';

export const handler = httpHandler('cabinet-survey', async ({ identity }) => {
  const deps = dependencies();
  return { body: await surveyForParent(deps, parentIin(identity), deps.clock()) };
});
