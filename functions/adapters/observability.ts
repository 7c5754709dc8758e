import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';
import { logger } from './logger.ts';
import { metricsMiddlewares } from './metrics.ts';
import { tracerMiddleware } from './tracer.ts';

/**
 * Powertools for every function, as middy middlewares to `use` before any other: the Lambda
 * context on every log line (keys added during an invocation are dropped after it; the event is
 * never logged), an X-Ray subsegment for the handler when the X-Ray SDK is on (`tracer.ts`), and
 * the metrics flushed at the end, also when the handler failed.
 */
export function observability(): MiddlewareObj[] {
  return [
    injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
    ...[tracerMiddleware()].filter((middleware) => middleware !== undefined),
    ...metricsMiddlewares(),
  ];
}
