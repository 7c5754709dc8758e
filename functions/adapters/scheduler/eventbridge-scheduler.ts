import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { JobKind, JobTask, ScheduledJob, Scheduler } from '#ports/scheduler';

export interface EventBridgeSchedulerConfig {
  readonly groupName: string;
  /** The role EventBridge Scheduler assumes to invoke the job functions. */
  readonly roleArn: string;
  readonly deadLetterQueueArn: string;
  readonly targetArn: (kind: JobKind) => string;
}

/** `at()` wants `yyyy-mm-ddThh:mm:ss` in the given zone, without offset or fraction. */
function atExpression(iso: string): string {
  return `at(${new Date(iso).toISOString().slice(0, 19)})`;
}

/**
 * One EventBridge Scheduler schedule per job: deterministic name (so scheduling twice is a
 * no-op: `ConflictException`), deleted after it runs, retried and then sent to the DLQ.
 */
export class EventBridgeScheduler implements Scheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly config: EventBridgeSchedulerConfig,
    private readonly lambda: LambdaClient,
  ) {}

  /** An asynchronous invocation of the job's function: Lambda retries it, then sends it to the DLQ. */
  async enqueue(job: { name: string; task: JobTask }): Promise<void> {
    const { InvokeCommand } = await import('@aws-sdk/client-lambda');
    await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.config.targetArn(job.task.kind),
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(job.task)),
      }),
    );
  }

  async scheduleOnce(job: ScheduledJob): Promise<void> {
    // Loaded on first use, not at the function's cold start (see `lazy.ts`).
    const { ConflictException, CreateScheduleCommand } = await import('@aws-sdk/client-scheduler');
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: job.name,
          GroupName: this.config.groupName,
          ScheduleExpression: atExpression(job.at),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.config.targetArn(job.task.kind),
            RoleArn: this.config.roleArn,
            Input: JSON.stringify(job.task),
            RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
            DeadLetterConfig: { Arn: this.config.deadLetterQueueArn },
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
    }
  }
}
