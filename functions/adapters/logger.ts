import { Logger } from '@aws-lambda-powertools/logger';

/** Lambda sets this; the local runtime, tests and benchmarks run the same modules without it. */
export const inLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

/**
 * The one logger. Never give it an event, a body, an IIN or a phone number: log codes, ids and
 * counts only. Outside Lambda it says only warnings and errors unless `POWERTOOLS_LOG_LEVEL`
 * asks for more (it is made before the local runtime sets its environment, so it decides here).
 */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kezek',
  ...(!inLambda && !process.env.POWERTOOLS_LOG_LEVEL && { logLevel: 'WARN' }),
});
