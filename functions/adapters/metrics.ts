import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MiddlewareObj } from '@middy/core';
import { inLambda, logger } from './logger.ts';

export { MetricUnit };

// Outside Lambda nobody turns EMF lines on stdout into metrics: they would only clutter the local
// console and test output. `POWERTOOLS_METRICS_DISABLED=false` turns them on for a look.
if (!inLambda) process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

/** Said by Powertools on every invocation that recorded no business metric: most of them, so not worth a log line. */
const noMetricsWarning = 'No application metrics to publish';

/**
 * The one Metrics instance (CloudWatch embedded metric format). Dimensions stay low-cardinality:
 * `service`, and e.g. an action name; never an IIN, a phone or an application id. The namespace
 * comes from `POWERTOOLS_METRICS_NAMESPACE`, set by the monitoring construct in `lib/`.
 */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'kezek',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'kezek',
  logger: {
    debug: (message: unknown) => logger.debug(String(message)),
    info: (message: unknown) => logger.info(String(message)),
    warn: (message: unknown) => {
      if (!String(message).startsWith(noMetricsWarning)) logger.warn(String(message));
    },
    error: (message: unknown) => logger.error(String(message)),
  },
});

/** Application transitions of this invocation by action, published once per action at its end. */
const transitionCounts = new Map<string, number>();

/** Counts one applied transition (see `publishTransitionCounts`). */
export function countTransition(action: string): void {
  transitionCounts.set(action, (transitionCounts.get(action) ?? 0) + 1);
}

/**
 * `ApplicationTransition` with an `action` dimension, one EMF line per action and invocation.
 * A Metrics blob has one set of dimensions, so each action needs its own; counting first keeps a
 * campaign close of 10,000 stops at one line instead of 10,000.
 */
function publishTransitionCounts(): void {
  for (const [action, count] of transitionCounts) {
    const single = metrics.singleMetric();
    single.addDimension('action', action);
    single.addMetric('ApplicationTransition', MetricUnit.Count, count);
  }
  transitionCounts.clear();
}

/** Middy: Powertools' `logMetrics` (with the cold-start metric) plus the transition counts. */
export function metricsMiddlewares(): MiddlewareObj[] {
  const flushTransitions = (): void => publishTransitionCounts();
  return [logMetrics(metrics, { captureColdStartMetric: true }), { after: flushTransitions, onError: flushTransitions }];
}
