import { CfnOutput, Duration, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface JobsStackProps extends StackProps {
  readonly stage: string;
}

/** The schedule group and dead-letter queue as another stack sees them (through named exports). */
export interface ImportedScheduling {
  readonly scheduleGroupName: string;
  readonly deadLetterQueueArn: string;
  readonly announcementsTopicArn: string;
}

/**
 * Scheduled jobs and notifications: the schedule group that referral expiries, restores and
 * (later) campaign closes are scheduled in, the queue for schedules that could not be delivered,
 * and the SNS topics for announcements and alarms.
 *
 * The role Scheduler runs the jobs with lives in the API stack, next to the job functions it
 * invokes: see `ApiStack` for why.
 */
export class JobsStack extends Stack {
  readonly scheduleGroup: ScheduleGroup;
  readonly schedulerDeadLetterQueue: Queue;
  /** Public campaign announcements of tenants. */
  readonly announcementsTopic: Topic;
  /** Alarms for the people who operate kezek. */
  readonly operationsTopic: Topic;
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);
    this.stage = props.stage;

    this.scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', { scheduleGroupName: `kezek-${props.stage}` });

    this.schedulerDeadLetterQueue = new Queue(this, 'SchedulerDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.schedulerDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the Scheduler targets (set on each schedule, ' +
        'which cdk-nag cannot see); a DLQ of a DLQ would only move the problem.',
    });

    const awsManagedSnsKey = Alias.fromAliasName(this, 'AwsManagedSnsKey', 'alias/aws/sns');
    this.announcementsTopic = new Topic(this, 'Announcements', {
      displayName: 'kezek announcements',
      enforceSSL: true,
      masterKey: awsManagedSnsKey,
    });
    this.operationsTopic = new Topic(this, 'Operations', {
      displayName: 'kezek operations',
      enforceSSL: true,
      masterKey: awsManagedSnsKey,
    });

    new CfnOutput(this, 'ScheduleGroupName', {
      value: this.scheduleGroup.scheduleGroupName,
      exportName: this.groupExportName(),
    });
    new CfnOutput(this, 'SchedulerDeadLetterQueueArn', {
      value: this.schedulerDeadLetterQueue.queueArn,
      exportName: this.deadLetterQueueExportName(),
    });
    new CfnOutput(this, 'AnnouncementsTopicArn', { value: this.announcementsTopic.topicArn, exportName: this.announcementsExportName() });
    new CfnOutput(this, 'OperationsTopicArn', { value: this.operationsTopic.topicArn });
  }

  /**
   * The schedule group and DLQ seen from `scope`'s stack through named exports (as the data
   * stack does for tables); that stack is made to depend on this one.
   */
  importScheduling(scope: Construct): ImportedScheduling {
    Stack.of(scope).addStackDependency(this, 'imports the schedule group and DLQ exports of the jobs stack');
    return {
      scheduleGroupName: Fn.importValue(this.groupExportName()),
      deadLetterQueueArn: Fn.importValue(this.deadLetterQueueExportName()),
      announcementsTopicArn: Fn.importValue(this.announcementsExportName()),
    };
  }

  private announcementsExportName(): string {
    return `kezek-${this.stage}-announcements-topic-arn`;
  }

  private groupExportName(): string {
    return `kezek-${this.stage}-schedule-group-name`;
  }

  private deadLetterQueueExportName(): string {
    return `kezek-${this.stage}-scheduler-dlq-arn`;
  }
}
