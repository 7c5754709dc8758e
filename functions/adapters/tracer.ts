import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { MiddlewareObj } from '@middy/core';

/**
 * The X-Ray SDK inside a function, through Powertools: opt-in (DECISIONS.md 62). Lambda's active
 * tracing records every invocation without it (its segment, the init and the handler's time); the
 * SDK adds a subsegment per AWS call, at a price paid by every request: about 10 ms more of each
 * cold import, and a global async hook (cls-hooked) that made promise-heavy code 4–5 times slower
 * here. The CDK sets `POWERTOOLS_TRACE_ENABLED` from the deployment's `xraySdk` option (off
 * unless asked); the local runtime, tests and benchmarks never set `AWS_EXECUTION_ENV`, so they
 * never load it either (Powertools would not trace outside Lambda anyway).
 */
const enabled = Boolean(process.env.AWS_EXECUTION_ENV) && process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false';

export const tracer: Tracer | undefined = enabled ? new (await import('@aws-lambda-powertools/tracer')).Tracer() : undefined;

const captureLambdaHandler = tracer ? (await import('@aws-lambda-powertools/tracer/middleware')).captureLambdaHandler : undefined;

/** The handler's subsegment (without its response, which holds personal data), when the SDK is on. */
export function tracerMiddleware(): MiddlewareObj | undefined {
  return tracer && captureLambdaHandler ? captureLambdaHandler(tracer, { captureResponse: false }) : undefined;
}

/** An AWS SDK v3 client whose calls appear as X-Ray subsegments (when tracing); the same client otherwise. */
export function traced<Client>(client: Client): Client {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}
