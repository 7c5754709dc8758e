import { ConflictException, CreateScheduleCommand, SchedulerClient, ValidationException } from '@aws-sdk/client-scheduler';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeScheduler } from '#adapters/scheduler/eventbridge-scheduler';
import type { JobKind, ScheduledJob } from '#ports/scheduler';

const schedulerMock = mockClient(SchedulerClient);
const lambdaMock = mockClient(LambdaClient);

const config = {
  groupName: 'kezek-test',
  roleArn: 'arn:aws:iam::111111111111:role/kezek-test-scheduler',
  deadLetterQueueArn: 'arn:aws:sqs:eu-central-1:111111111111:kezek-test-scheduler-dlq',
  targetArn: (kind: JobKind) => `arn:aws:lambda:eu-central-1:111111111111:function:kezek-test-job-${kind}`,
};

const expiry: ScheduledJob = {
  name: 'referral-expiry-app-1-1773381600',
  // Almaty time (+05:00) with milliseconds: the schedule must say the same instant in UTC, to the second.
  at: '2026-03-20T23:59:59.250+05:00',
  task: { kind: 'referral-expiry', applicationId: 'app-1', issuedAt: '2026-03-13T06:00:00.000Z' },
};

function scheduler(): EventBridgeScheduler {
  return new EventBridgeScheduler(new SchedulerClient({ region: 'eu-central-1' }), config, new LambdaClient({ region: 'eu-central-1' }));
}

describe('EventBridgeScheduler', () => {
  beforeEach(() => {
    schedulerMock.reset();
    lambdaMock.reset();
  });

  it('should run an enqueued job as one asynchronous invocation of its kind’s function', async () => {
    // Prepare
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 202 });
    const task = { kind: 'recompute-positions' as const, tenantId: 'temirtau', birthYears: [2023], changes: [] };
    // Act
    await scheduler().enqueue({ name: 'positions-temirtau-2023', task });
    // Assess: no schedule, one Event invocation carrying the task
    expect(schedulerMock.commandCalls(CreateScheduleCommand)).toHaveLength(0);
    const calls = lambdaMock.commandCalls(InvokeCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input.FunctionName).toBe(config.targetArn('recompute-positions'));
    expect(input.InvocationType).toBe('Event');
    expect(JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array))).toEqual(task);
  });

  it('should create one one-time schedule in the group that invokes the job kind’s function with the task', async () => {
    // Prepare
    schedulerMock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:eu-central-1:111111111111:schedule/kezek-test/x' });

    // Act
    await scheduler().scheduleOnce(expiry);

    // Assess
    const calls = schedulerMock.commandCalls(CreateScheduleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      Name: 'referral-expiry-app-1-1773381600',
      GroupName: 'kezek-test',
      ScheduleExpression: 'at(2026-03-20T18:59:59)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:lambda:eu-central-1:111111111111:function:kezek-test-job-referral-expiry',
        RoleArn: 'arn:aws:iam::111111111111:role/kezek-test-scheduler',
        Input: JSON.stringify(expiry.task),
        RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86_400 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-central-1:111111111111:kezek-test-scheduler-dlq' },
      },
    });
  });

  it('should target the function of the task’s own kind', async () => {
    // Prepare
    schedulerMock.on(CreateScheduleCommand).resolves({});
    const restore: ScheduledJob = {
      name: 'referral-restore-app-1-1775588400',
      at: '2026-04-07T19:00:00.000Z',
      task: { kind: 'referral-restore', applicationId: 'app-1', autoRestoreAt: '2026-04-07T19:00:00.000Z' },
    };

    // Act
    await scheduler().scheduleOnce(restore);

    // Assess
    const input = schedulerMock.commandCalls(CreateScheduleCommand)[0]!.args[0].input;
    expect(input.Target?.Arn).toBe('arn:aws:lambda:eu-central-1:111111111111:function:kezek-test-job-referral-restore');
    expect(input.ScheduleExpression).toBe('at(2026-04-07T19:00:00)');
    expect(JSON.parse(input.Target?.Input ?? '')).toEqual(restore.task);
  });

  it('should treat a schedule that already exists (the same job scheduled twice) as success', async () => {
    // Prepare
    schedulerMock
      .on(CreateScheduleCommand)
      .resolvesOnce({})
      .rejectsOnce(new ConflictException({ Message: 'Schedule already exists', message: 'Schedule already exists', $metadata: { httpStatusCode: 409 } }));
    const adapter = scheduler();

    // Act
    await adapter.scheduleOnce(expiry);
    const second = adapter.scheduleOnce(expiry);

    // Assess
    await expect(second).resolves.toBeUndefined();
    const names = schedulerMock.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input.Name);
    expect(names).toEqual([expiry.name, expiry.name]);
  });

  it('should let any other error propagate', async () => {
    // Prepare
    const invalid = new ValidationException({ Message: 'Invalid schedule expression', message: 'Invalid schedule expression', $metadata: { httpStatusCode: 400 } });
    schedulerMock.on(CreateScheduleCommand).rejects(invalid);

    // Act
    const result = scheduler().scheduleOnce(expiry);

    // Assess
    await expect(result).rejects.toBe(invalid);
  });
});
