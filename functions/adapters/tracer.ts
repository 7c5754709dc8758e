import type { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray through Powertools, in Lambda only. Merely loading `aws-xray-sdk-core` enables a global
 * async hook (cls-hooked) that made promise-heavy code 4–5 times slower here, so the local
 * runtime, tests and benchmarks never load it; Powertools would not trace outside Lambda anyway.
 * `POWERTOOLS_TRACE_ENABLED=false` turns it off in Lambda too.
 */
const enabled = Boolean(process.env.AWS_EXECUTION_ENV) && process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false';

export const tracer: Tracer | undefined = enabled ? new (await import('@aws-lambda-powertools/tracer')).Tracer() : undefined;

/** An AWS SDK v3 client whose calls appear as X-Ray subsegments (when tracing); the same client otherwise. */
export function traced<Client>(client: Client): Client {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}
