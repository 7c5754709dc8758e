import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface JobsStackProps extends StackProps {
  readonly stage: string;
}

/**
 * Scheduled jobs and notifications: the schedule group that campaign closes, reminders and
 * working-day restores will be scheduled in, the role Scheduler runs them with, the queue for
 * schedules that could not be delivered, and the SNS topics for announcements and alarms.
 */
export class JobsStack extends Stack {
  readonly scheduleGroup: ScheduleGroup;
  readonly schedulerDeadLetterQueue: Queue;
  /** Role that EventBridge Scheduler assumes to invoke targets; target grants come later. */
  readonly schedulerRole: Role;
  /** Public campaign announcements of tenants. */
  readonly announcementsTopic: Topic;
  /** Alarms for the people who operate kezek. */
  readonly operationsTopic: Topic;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    super(scope, id, props);

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

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to run kezek jobs',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({
        // Confused-deputy protection: only schedules of this account may use the role.
        StringEquals: { 'aws:SourceAccount': this.account },
      }),
    });
    // Scheduler sends undeliverable events to the DLQ with the schedule's role.
    this.schedulerDeadLetterQueue.grantSendMessages(this.schedulerRole);

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

    new CfnOutput(this, 'ScheduleGroupName', { value: this.scheduleGroup.scheduleGroupName });
    new CfnOutput(this, 'SchedulerRoleArn', {
      value: this.schedulerRole.roleArn,
      exportName: `kezek-${props.stage}-scheduler-role-arn`,
    });
    new CfnOutput(this, 'SchedulerDeadLetterQueueArn', { value: this.schedulerDeadLetterQueue.queueArn });
    new CfnOutput(this, 'AnnouncementsTopicArn', { value: this.announcementsTopic.topicArn });
    new CfnOutput(this, 'OperationsTopicArn', { value: this.operationsTopic.topicArn });
  }
}
