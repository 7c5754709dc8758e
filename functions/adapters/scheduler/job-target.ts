import type { JobKind } from '#ports/scheduler';

/** The environment variable through which a deployed function learns the ARN of a job's target function. */
export const jobTargetEnvVar = (kind: JobKind) => `JOB_TARGET_${kind.toUpperCase().replaceAll('-', '_')}`;
