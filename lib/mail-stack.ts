import { ArnFormat, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from 'aws-cdk-lib/aws-ses';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { smsReceipts } from '#functions/jobs/consumers';
import { functionNameFor, type ApiStack } from './api-stack.ts';
import { mailConfigurationSetName } from './app-function.ts';
import type { JobsStack } from './jobs-stack.ts';

export interface MailStackProps extends StackProps {
  readonly stage: string;
  /** `-c mailDomain=…`: the domain parents' e-mail comes from. */
  readonly mailDomain: string;
  /** The operations topic (named export) its bounce alarm notifies. */
  readonly jobs: JobsStack;
  /** The receipt recorder it feeds (a fixed function name); deployed first. */
  readonly api: ApiStack;
}

/**
 * Parents' e-mail in AWS (decision 59), made only with a mail domain: the SES domain identity
 * (Easy DKIM: publish its three CNAME records, README "Deploy"), a configuration set whose
 * delivery, bounce, complaint and reject events go to an encrypted SNS topic subscribed by the
 * receipt recorder, and an alarm on SES's bounce rate. Its own stack: the API stack is at
 * CloudFormation's 500 resources. The sending functions' `ses:SendEmail` is the API stack's
 * (`mailBinding` in `app-function.ts`), on this identity and configuration set only.
 */
export class MailStack extends Stack {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly events: Topic;

  constructor(scope: Construct, id: string, props: MailStackProps) {
    super(scope, id, props);
    this.addStackDependency(props.api, 'subscribes the receipt recorder of the API stack');
    const scheduling = props.jobs.importScheduling(this);
    this.configurationSet = new ConfigurationSet(this, 'MailConfigurationSet', {
      configurationSetName: mailConfigurationSetName(props.stage),
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.identity = new EmailIdentity(this, 'MailIdentity', { identity: Identity.domain(props.mailDomain), configurationSet: this.configurationSet });
    // SES may publish to an encrypted topic only with a customer managed key whose policy lets it.
    const eventsKey = new Key(this, 'MailEventsKey', {
      description: "Encrypts the kezek SES events topic (delivery, bounce, complaint of parents' e-mail)",
      enableKeyRotation: true,
      // It protects events in flight only: nothing stored needs it after the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    eventsKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'SesPublishesToTheEncryptedTopic',
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.events = new Topic(this, 'MailEvents', { displayName: 'kezek e-mail events', enforceSSL: true, masterKey: eventsKey });
    // CDK adds the topic policy that lets SES publish for this configuration set of this account.
    this.configurationSet.addEventDestination('MailEventsToSns', {
      destination: EventDestination.snsTopic(this.events),
      events: [EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT],
    });
    // The recorder by its fixed name (no cross-stack reference back to the API stack).
    const recorderArn = this.formatArn({ service: 'lambda', resource: 'function', resourceName: functionNameFor(props.stage, smsReceipts.handler), arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    new CfnPermission(this, 'MailEventsInvokeRecorder', {
      action: 'lambda:InvokeFunction',
      functionName: recorderArn,
      principal: 'sns.amazonaws.com',
      sourceArn: this.events.topicArn,
      sourceAccount: this.account,
    });
    new Subscription(this, 'MailEventsToRecorder', { topic: this.events, protocol: SubscriptionProtocol.LAMBDA, endpoint: recorderArn });
    // SES reviews an account from a 5 % bounce rate and may pause its sending at 10 %: the alarm rings first.
    new Alarm(this, 'MailBounceRateAlarm', {
      alarmName: `kezek-${props.stage}-mail-bounce-rate`,
      alarmDescription: "SES's bounce rate of this account is above 4 %: SES reviews an account at 5 % and may pause its sending at 10 %. Look for stale or mistyped addresses (decision 59).",
      metric: new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', period: Duration.hours(1), statistic: 'Maximum' }),
      threshold: 0.04,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new SnsAction(Topic.fromTopicArn(this, 'OperationsTopic', scheduling.operationsTopicArn)));
  }
}
