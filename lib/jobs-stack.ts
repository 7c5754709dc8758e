import { ArnFormat, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Key } from 'aws-cdk-lib/aws-kms';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import { senderSettings } from '#ports/delivery-queue';

export interface JobsStackProps extends StackProps {
  readonly stage: string;
}

/** The schedule group and dead-letter queue as another stack sees them (through named exports). */
export interface ImportedScheduling {
  readonly scheduleGroupName: string;
  readonly deadLetterQueueArn: string;
  readonly announcementsTopicArn: string;
  /** Where the alarms go. */
  readonly operationsTopicArn: string;
  /** The outbox's delivery queue (decision 53). */
  readonly deliveryQueueArn: string;
  readonly deliveryQueueUrl: string;
}

/** A delivery waiting longer than this in the queue raises an alarm (the sender is down, throttled or far behind). */
export const deliveryMaxAgeSeconds = 900;

/** Below this share of SMS delivered (SNS's `SMSSuccessRate`) an alarm is raised. */
export const smsSuccessRateAlarmBelow = 0.8;

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
  /** The outbox's queue from the jobs to the SMS sender, and where a delivery goes after `maxReceives` receives. */
  readonly deliveryQueue: Queue;
  readonly deliveryDeadLetterQueue: Queue;
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
    // CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed aws/sns key (its
    // policy does not let CloudWatch use it and cannot be changed), so this topic has its own key.
    const operationsKey = new Key(this, 'OperationsTopicKey', {
      description: 'Encrypts the kezek operations (alarms) topic',
      enableKeyRotation: true,
      // It protects alarm messages in flight only: nothing stored needs it after the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    operationsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToTheEncryptedTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.operationsTopic = new Topic(this, 'Operations', {
      displayName: 'kezek operations',
      enforceSSL: true,
      masterKey: operationsKey,
    });
    // The topic policy that enforceSSL creates replaces SNS's default one: alarms of this account
    // need their own allow.
    this.operationsTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.operationsTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
        },
      }),
    );

    // The outbox (decision 53): jobs enqueue deliveries, the sender consumes them. SQS-managed
    // encryption; a message received `maxReceives` times (the sender killed or failing on it each
    // time) moves to the dead-letter queue, kept 14 days for a redrive once the cause is fixed.
    this.deliveryDeadLetterQueue = new Queue(this, 'DeliveryDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deliveryDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the delivery queue; an alarm watches it.',
    });
    this.deliveryQueue = new Queue(this, 'DeliveryQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the sender's timeout, as AWS advises for a Lambda event source.
      visibilityTimeout: Duration.seconds(senderSettings.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deliveryDeadLetterQueue, maxReceiveCount: senderSettings.maxReceives },
    });
    const alarmAction = new SnsAction(this.operationsTopic);
    const deadLettered = new Alarm(this, 'DeliveryDeadLettersAlarm', {
      alarmDescription: 'SMS deliveries reached the dead-letter queue: the sender failed on them every time. Fix the cause, then redrive (RUNBOOK).',
      metric: this.deliveryDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    deadLettered.addAlarmAction(alarmAction);
    const waiting = new Alarm(this, 'DeliveryQueueAgeAlarm', {
      alarmDescription: `An SMS delivery has waited more than ${deliveryMaxAgeSeconds / 60} minutes in the queue: the sender is down, throttled or far behind its rate.`,
      metric: this.deliveryQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: deliveryMaxAgeSeconds,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    waiting.addAlarmAction(alarmAction);
    // SMS that the carriers did not deliver (receipts `failed`): SNS's own success rate of the
    // transactional SMS we send to Kazakhstan (the only type and country we send), per 15 minutes.
    const failing = new Alarm(this, 'SmsSuccessRateAlarm', {
      alarmDescription: `Fewer than ${smsSuccessRateAlarmBelow * 100} % of the SMS sent to Kazakhstan in 15 minutes were delivered, twice running: a carrier or the sender ID is failing. Unreachable parents grow on the dashboard meanwhile.`,
      metric: new Metric({ namespace: 'AWS/SNS', metricName: 'SMSSuccessRate', dimensionsMap: { Country: 'KZ', SMSType: 'Transactional' }, period: Duration.minutes(15), statistic: 'Average' }),
      threshold: smsSuccessRateAlarmBelow,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    failing.addAlarmAction(alarmAction);

    new CfnOutput(this, 'DeliveryQueueArn', { value: this.deliveryQueue.queueArn, exportName: this.deliveryQueueExportName('arn') });
    new CfnOutput(this, 'DeliveryQueueUrl', { value: this.deliveryQueue.queueUrl, exportName: this.deliveryQueueExportName('url') });
    new CfnOutput(this, 'ScheduleGroupName', {
      value: this.scheduleGroup.scheduleGroupName,
      exportName: this.groupExportName(),
    });
    new CfnOutput(this, 'SchedulerDeadLetterQueueArn', {
      value: this.schedulerDeadLetterQueue.queueArn,
      exportName: this.deadLetterQueueExportName(),
    });
    new CfnOutput(this, 'AnnouncementsTopicArn', { value: this.announcementsTopic.topicArn, exportName: this.announcementsExportName() });
    new CfnOutput(this, 'OperationsTopicArn', { value: this.operationsTopic.topicArn, exportName: this.operationsExportName() });
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
      operationsTopicArn: Fn.importValue(this.operationsExportName()),
      deliveryQueueArn: Fn.importValue(this.deliveryQueueExportName('arn')),
      deliveryQueueUrl: Fn.importValue(this.deliveryQueueExportName('url')),
    };
  }

  private deliveryQueueExportName(what: 'arn' | 'url'): string {
    return `kezek-${this.stage}-delivery-queue-${what}`;
  }

  private operationsExportName(): string {
    return `kezek-${this.stage}-operations-topic-arn`;
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
