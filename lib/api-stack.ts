import { Annotations, ArnFormat, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { aggregationSettings, answerAggregator, smsReceipts, smsSender } from '#functions/jobs/consumers';
import { outboxSweep, senderSettings } from '#ports/delivery-queue';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { authorizer as authorizerDefinition, routes, type Grants, type RouteDefinition, type TableAccess } from '#http/routes';
import { grantsOf } from '#http/audit-actions';
import { jobs, type JobDefinition } from '#functions/jobs/jobs';
import { cloudTableKeys, tables as tableDefinitions, type CloudTableKey } from '#functions/tables';
import type { JobKind } from '#ports/scheduler';
import { AppFunction, mailBinding, type SchedulerBinding } from './app-function.ts';
import { nagResourceName } from './nag.ts';
import type { DataStack } from './data-stack.ts';
import type { JobsStack } from './jobs-stack.ts';

export interface ApiStackProps extends StackProps {
  readonly stage: string;
  /** Source of the tables; they are imported through its named exports. */
  readonly data: DataStack;
  /** Source of the schedule group and the scheduler's dead-letter queue (named exports). */
  readonly jobs: JobsStack;
  /** The dashboard map's tile layer (`{z}/{x}/{y}` URL) and its attribution; none draws a plain background. */
  readonly mapTiles?: { readonly url: string; readonly attribution: string };
  /** The public site's URL, named in SMS (`SITE_URL` of the functions that send them). */
  readonly siteUrl?: string;
  /**
   * The domain parents' e-mail comes from (`-c mailDomain=kezek.example.kz`, decision 59): an SES
   * domain identity with Easy DKIM, a configuration set whose events (delivery, bounce, complaint)
   * reach the receipt recorder through SNS, and `ses:SendEmail` on exactly these two for the
   * functions granted `mail`. Unset: no SES resource, and e-mail is off (the mailer refuses it,
   * the cabinet says so); SMS and the cabinet work as before.
   */
  readonly mailDomain?: string;
  /**
   * The API's own domain (e.g. `api.kezek.example.kz`) with a regional ACM certificate in the
   * API's region. With it the default execute-api endpoint is switched off, so the API is reached
   * only under this name (CloudFront's origin); without it CloudFront needs the execute-api
   * endpoint, which then stays on (a synth warning says so).
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** The X-Ray SDK in every function (`-c xraySdk=true`, decision 62): a subsegment per AWS call, at a cost to every start. */
  readonly xraySdk?: boolean;
}

/** Name of the origin secret of a stage; the web stack resolves it by name at deploy time. */
export function originSecretName(stage: string): string {
  return `kezek-${stage}-origin-verify`;
}

/** `parent-login-code` → `ParentLoginCode`: construct ids stay readable in the console. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Fixed, stage-scoped name of a function, e.g. `kezek-dev-job-referral-expiry`, `kezek-dev-cabinet-survey`. */
export function functionNameFor(stage: string, handlerName: string): string {
  const name = `kezek-${stage}-${handlerName}`;
  // Lambda's limit; failing at synth beats failing halfway through a deployment.
  if (name.length > 64) throw new Error(`function name ${name} is longer than 64 characters: shorten the stage name`);
  return name;
}

/** Construct id of a route: method and path, e.g. `GetApiCabinetApplications`. */
export function routeId(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return pascalCase(`${route.method.toLowerCase()} ${route.path}`);
}

/**
 * The HTTP API: one function and one route per entry of the route table, each function granted
 * exactly what its entry's `grants` name, and a Lambda authorizer in front of every non-public
 * route. Also the job functions (one per entry of the job table, EventBridge Scheduler targets)
 * and the role Scheduler invokes them with.
 *
 * Why the job functions and the scheduler role live here and not in the jobs stack: the job
 * functions need the tables (data stack), the route functions need the job functions' ARNs and
 * the role, and the role needs the job functions' ARNs. With the role in the jobs stack, the jobs
 * stack would need this stack's functions and this stack its role: a cycle. So the jobs stack
 * keeps only what has no dependency (schedule group, DLQ, topics) and exports it; this stack
 * imports it, like the tables. Job functions have fixed names so that every function with the
 * scheduler grant, a job function included, can carry the target ARNs (its own too) without a
 * reference to itself or a cycle between job functions.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  /** The origin CloudFront forwards `/api/*` to: the API's own domain, else `<apiId>.execute-api.<region>.amazonaws.com`. */
  readonly apiDomainName: string;
  /** Functions by handler name (route handlers, `authorizer` and the job handlers). */
  readonly functions: ReadonlyMap<string, AppFunction>;
  /** The job functions (EventBridge Scheduler targets) by job kind. */
  readonly jobFunctions: ReadonlyMap<JobKind, AppFunction>;
  /** Assumed by EventBridge Scheduler; may invoke the job functions and write to the DLQ, nothing else. */
  readonly schedulerRole: Role;
  /**
   * What CloudFront sends in `x-kezek-origin-verify`, so that a function believes the viewer
   * address only on requests CloudFront forwarded. Read by the functions whose grants say
   * `viewerAddress`; resolved by name into the distribution's origin header at deploy time.
   */
  readonly originSecret: Secret;
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    const tables = Object.fromEntries(cloudTableKeys.map((key) => [key, props.data.importTable(this, key)]));
    const scheduling = props.jobs.importScheduling(this);
    const exportsBucket = props.data.importExportsBucket(this);

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to run kezek jobs',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({
        // Confused-deputy protection: only schedules of this account may use the role.
        StringEquals: { 'aws:SourceAccount': this.account },
      }),
    });
    // Scheduler sends a task it could not deliver to the DLQ with the schedule's role.
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [scheduling.deadLetterQueueArn] }),
    );
    const scheduler: SchedulerBinding = {
      scheduleGroupName: scheduling.scheduleGroupName,
      role: this.schedulerRole,
      deadLetterQueueArn: scheduling.deadLetterQueueArn,
      targets: Object.fromEntries(jobs.map((job) => [job.kind, this.jobFunctionArn(job)])) as Record<JobKind, string>,
    };

    this.originSecret = new Secret(this, 'OriginVerifySecret', {
      secretName: originSecretName(props.stage),
      description: 'Sent by CloudFront to the kezek API in x-kezek-origin-verify; proves a request came through the distribution',
      // Letters and digits only: it travels as an HTTP header value.
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by hand (README, Deploy): CloudFront gets a new value only when the web stack is deployed, so an ' +
        'automatic rotation would have to deploy it too; the functions accept the current and the previous value meanwhile.',
    });

    // E-mail (decision 59): only with a mail domain; its SES resources are in the mail stack.
    const mail = props.mailDomain ? mailBinding(this, props.stage, props.mailDomain) : undefined;

    const functions = new Map<string, AppFunction>();
    const createFunction = (handlerName: string, grants: Grants, functionName?: string, timeoutSeconds?: number): AppFunction => {
      const fn = new AppFunction(this, `${pascalCase(handlerName)}Function`, {
        handlerName,
        // Fixed names: the monitoring stack's alarms name every function without a cross-stack reference.
        functionName: functionName ?? functionNameFor(props.stage, handlerName),
        ...(timeoutSeconds && { timeout: Duration.seconds(timeoutSeconds) }),
        secretsExtension: grants.viewerAddress === true,
        xraySdk: props.xraySdk ?? false,
      });
      const tableGrants = Object.entries(grants.tables ?? {}) as [CloudTableKey, TableAccess][];
      for (const [key, access] of tableGrants) {
        fn.bindTable(tableDefinitions[key], tables[key]!, access, { delete: grants.deletes?.includes(key), batchWrite: grants.batchWrites?.includes(key) });
      }
      const undeclared = [...(grants.deletes ?? []), ...(grants.batchWrites ?? [])].filter((key) => grants.tables?.[key] !== 'readWrite');
      if (undeclared.length > 0) throw new Error(`${handlerName}: deletes and batch writes need readWrite on ${undeclared.join(', ')}`);
      if (grants.sms) fn.bindSms();
      if ((grants.sms || grants.mail) && props.siteUrl) fn.addEnvironment('SITE_URL', props.siteUrl);
      if (grants.mail && mail) fn.bindMail(mail);
      if (grants.scheduler || grants.enqueues) fn.bindScheduler(scheduler, grants.enqueues ?? []);
      if (grants.announce) fn.bindAnnouncements(scheduling.announcementsTopicArn);
      if (grants.deliveries) fn.bindDeliveryQueue({ arn: scheduling.deliveryQueueArn, url: scheduling.deliveryQueueUrl }, grants.deliveries);
      if (grants.files) fn.bindFiles(exportsBucket, grants.files);
      if (grants.viewerAddress) fn.bindOriginSecret(this.originSecret, originSecretName(props.stage));
      functions.set(handlerName, fn);
      return fn;
    };

    // Scheduler invokes a job function asynchronously with the task JSON as the event.
    const jobFunctions = new Map<JobKind, AppFunction>();
    // A job that keeps failing after Lambda's retries lands in the same dead-letter queue as a
    // task Scheduler could not deliver: one place to look, one alarm later.
    const deadLetters = Queue.fromQueueArn(this, 'SchedulerDeadLetterQueue', scheduling.deadLetterQueueArn);
    for (const job of jobs as readonly JobDefinition[]) {
      const fn = createFunction(job.handler, job.grants, this.jobFunctionName(job), job.timeoutSeconds);
      fn.configureAsyncInvoke({ onFailure: new SqsDestination(deadLetters), retryAttempts: 2 });
      jobFunctions.set(job.kind, fn);
    }
    this.jobFunctions = jobFunctions;
    // Exactly the job functions: no `:*` (versions, aliases), no other function.
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [...jobFunctions.values()].map((fn) => fn.functionArn),
      }),
    );

    // The outbox sweeper (decision 55): a recurring schedule of its job, in the jobs' group, with
    // the jobs' role, retries and dead-letter queue (the job is idempotent: a double run is harmless).
    new CfnSchedule(this, 'OutboxSweepSchedule', {
      groupName: scheduling.scheduleGroupName,
      description: 'Enqueue again the SMS deliveries still queued long after their notice was written',
      scheduleExpression: `rate(${outboxSweep.everyMinutes} minutes)`,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: jobFunctions.get('outbox-sweep')!.functionArn,
        roleArn: this.schedulerRole.roleArn,
        input: JSON.stringify({ kind: 'outbox-sweep' }),
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 600 },
        deadLetterConfig: { arn: scheduling.deadLetterQueueArn },
      },
    });

    // The outbox's consumers (decision 53). The sender: fed by the delivery queue in batches of
    // 10, failures reported per message; its reserved concurrency and the rate it paces itself to
    // keep SMS within the configured rate (SNS's SMS throughput is an account quota).
    const sender = createFunction(smsSender.handler, smsSender.grants, undefined, smsSender.timeoutSeconds);
    sender.addEnvironment('SMS_RATE_PER_SECOND', String(senderSettings.ratePerSecond));
    sender.addEnvironment('SENDER_CONCURRENCY', String(senderSettings.reservedConcurrency));
    sender.addEnvironment('DELIVERY_MAX_RECEIVES', String(senderSettings.maxReceives));
    (sender.node.defaultChild as import('aws-cdk-lib/aws-lambda').CfnFunction).reservedConcurrentExecutions = senderSettings.reservedConcurrency;
    const deliveryQueue = Queue.fromQueueAttributes(this, 'DeliveryQueue', { queueArn: scheduling.deliveryQueueArn, queueUrl: scheduling.deliveryQueueUrl });
    sender.addEventSource(new SqsEventSource(deliveryQueue, { batchSize: senderSettings.batchSize, reportBatchItemFailures: true, maxConcurrency: senderSettings.reservedConcurrency }));
    // The aggregation (decision 54): the answers table's stream, filtered to changes of answer
    // items, in batches of 100 (their deltas added up per slice); a failing batch is halved until
    // the failing record is alone, retried, then its metadata goes to a dead-letter queue; only
    // the records from the first failed one on are handed again (batch item failures).
    const aggregator = createFunction(answerAggregator.handler, answerAggregator.grants, undefined, answerAggregator.timeoutSeconds);
    const aggregationDeadLetters = new Queue(this, 'AggregationDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(aggregationDeadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is the on-failure destination of the answer aggregation's stream event source; an alarm watches it.",
    });
    // The mapping is made by hand rather than with DynamoEventSource, whose grant adds
    // dynamodb:ListStreams on "*": these four actions on this table's stream only.
    const answersStreamArn = tables.answers!.tableStreamArn!;
    aggregator.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], resources: [answersStreamArn] }),
    );
    aggregator.addEventSourceMapping('AnswersStream', {
      eventSourceArn: answersStreamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: aggregationSettings.batchSize,
      maxBatchingWindow: Duration.seconds(aggregationSettings.maxBatchingWindowSeconds),
      bisectBatchOnError: true,
      retryAttempts: aggregationSettings.retryAttempts,
      maxRecordAge: Duration.seconds(aggregationSettings.maxRecordAgeSeconds),
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(aggregationDeadLetters),
      // Only answer items (they carry an applicant in their key).
      filters: [FilterCriteria.filter({ dynamodb: { Keys: { applicantIin: { S: FilterRule.exists() } } } })],
    });
    const operationsAction = new SnsAction(Topic.fromTopicArn(this, 'OperationsTopic', scheduling.operationsTopicArn));
    const aggregationFailed = new Alarm(this, 'AggregationDeadLettersAlarm', {
      alarmName: `kezek-${props.stage}-aggregation-dead-letters`,
      alarmDescription: 'Answer changes the aggregation failed on reached its dead-letter queue: the dashboard counters miss them. Fix the cause, then replay (RUNBOOK).',
      metric: aggregationDeadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    aggregationFailed.addAlarmAction(operationsAction);
    const aggregationBehind = new Alarm(this, 'AggregationIteratorAgeAlarm', {
      alarmName: `kezek-${props.stage}-aggregation-iterator-age`,
      alarmDescription: `The answer aggregation is more than ${aggregationSettings.iteratorAgeAlarmMs / 60_000} minutes behind the answers: the dashboard lags.`,
      metric: aggregator.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: aggregationSettings.iteratorAgeAlarmMs,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    aggregationBehind.addAlarmAction(operationsAction);

    // The receipts: SNS logs each SMS's delivery status (every success and failure) to these log
    // groups with a role it assumes; a subscription hands the lines to the receipt recorder.
    const receipts = createFunction(smsReceipts.handler, smsReceipts.grants, undefined, smsReceipts.timeoutSeconds);
    const snsLogGroupName = `sns/${this.region}/${this.account}/DirectPublishToPhoneNumber`;
    const deliveryStatusRole = new Role(this, 'SmsDeliveryStatusRole', {
      description: 'Assumed by SNS to log the delivery status of kezek SMS',
      assumedBy: new ServicePrincipal('sns.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': this.account } }),
    });
    for (const [id, name] of [
      ['SmsDeliveryLogs', snsLogGroupName],
      ['SmsDeliveryFailureLogs', `${snsLogGroupName}/Failure`],
    ] as const) {
      const logGroup = new LogGroup(this, id, { logGroupName: name, retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
      logGroup.grantWrite(deliveryStatusRole);
      new SubscriptionFilter(this, `${id}Receipts`, { logGroup, destination: new LambdaDestination(receipts), filterPattern: FilterPattern.allEvents() });
    }
    deliveryStatusRole.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:PutMetricFilter', 'logs:PutRetentionPolicy'],
        resources: [this.formatArn({ service: 'logs', resource: 'log-group', resourceName: `${snsLogGroupName}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      }),
    );
    Validations.of(deliveryStatusRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceName(this.resolve(this.formatArn({ service: 'logs', resource: 'log-group', resourceName: `${snsLogGroupName}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })))}]`,
      reason: 'SNS writes delivery status to DirectPublishToPhoneNumber and DirectPublishToPhoneNumber/Failure; the grant stays on these two log groups.',
    });
    // Delivery-status logging is an account setting of SNS SMS (SetSMSAttributes), with no
    // CloudFormation resource: set on deploy by a custom resource.
    const smsAttributes = new AwsCustomResource(this, 'SmsDeliveryStatusLogging', {
      onUpdate: {
        service: 'SNS',
        action: 'setSMSAttributes',
        parameters: { attributes: { DeliveryStatusIAMRole: deliveryStatusRole.roleArn, DeliveryStatusSuccessSamplingRate: '100', DefaultSMSType: 'Transactional' } },
        physicalResourceId: PhysicalResourceId.of(`kezek-${props.stage}-sms-delivery-status`),
      },
      policy: AwsCustomResourcePolicy.fromStatements([
        // SetSMSAttributes has no resource-level permission: it is an account setting.
        new PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new PolicyStatement({ actions: ['iam:PassRole'], resources: [deliveryStatusRole.roleArn], conditions: { StringEquals: { 'iam:PassedToService': 'sns.amazonaws.com' } } }),
      ]),
      installLatestAwsSdk: false,
    });
    Validations.of(smsAttributes).acknowledge(
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: 'sns:SetSMSAttributes is an account-level setting with no resource ARN.' },
    );
    // The function CDK runs every AwsCustomResource with (one per stack): its role is CDK's.
    const provider = this.node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's provider of AwsCustomResource (the SMS delivery-status setting) runs with the basic execution role CDK gives it; it writes only its own logs.",
      });
    }

    const authorizerFunction = createFunction(authorizerDefinition.handler, authorizerDefinition.grants);
    const sessionAuthorizer = new HttpLambdaAuthorizer('SessionAuthorizer', authorizerFunction, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Cookie'],
      // A session can end at any moment (logout, expiry): every request is checked afresh.
      resultsCacheTtl: Duration.seconds(0),
    });

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `kezek-${props.stage}`,
      description: 'kezek HTTP API, served to browsers through CloudFront under /api/*',
      // The default stage is created below, with access logs and throttling.
      createDefaultStage: false,
      // Reachable only under its own domain, which CloudFront forwards to (see `customDomain`).
      disableExecuteApiEndpoint: props.customDomain !== undefined,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: 200, rateLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // JSON, and no path or query string: they may carry an IIN.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    for (const route of routes as readonly RouteDefinition[]) {
      const fn = createFunction(route.handler, grantsOf(route));
      const httpRoute = new HttpRoute(this, `${routeId(route)}Route`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${routeId(route)}Integration`, fn),
        authorizer: route.access === 'public' ? undefined : sessionAuthorizer,
      });
      if (route.access === 'public') {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design in functions/http/routes.ts (${route.summary}).`,
        });
      }
    }
    this.functions = functions;
    if (props.mapTiles) {
      functions.get('staff-campaign-dashboard')?.addEnvironment('MAP_TILE_URL', props.mapTiles.url).addEnvironment('MAP_TILE_ATTRIBUTION', props.mapTiles.attribution);
    }

    if (props.customDomain) {
      const domain = new DomainName(this, 'ApiDomain', {
        domainName: props.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', props.customDomain.certificateArn),
      });
      new ApiMapping(this, 'ApiMapping', { api: this.api, domainName: domain, stage });
      // The DNS record to create: <domainName> CNAME (or alias) to this regional name.
      new CfnOutput(this, 'ApiDomainTarget', { value: domain.regionalDomainName });
      this.apiDomainName = props.customDomain.domainName;
    } else {
      Annotations.of(this).addWarningV2(
        'kezek:executeApiEndpoint',
        'No customDomain for the API: its execute-api endpoint stays reachable directly (CloudFront needs it). ' +
          'Set apiDomainName and apiCertificateArn to switch it off; the viewer address is trusted only with the origin secret either way.',
      );
      this.apiDomainName = `${this.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
    }
    new CfnOutput(this, 'ApiEndpoint', { value: `https://${this.apiDomainName}` });
    new CfnOutput(this, 'ApiDomainName', { value: this.apiDomainName, exportName: this.domainExportName() });
    new CfnOutput(this, 'ApiId', { value: this.api.apiId, exportName: this.apiIdExportName() });
  }

  /** The HTTP API's id seen from another stack (the monitoring stack's API metrics), through a named export. */
  importApiId(scope: Construct): string {
    Stack.of(scope).addStackDependency(this, 'imports the API id export of the API stack');
    return Fn.importValue(this.apiIdExportName());
  }

  private apiIdExportName(): string {
    return `kezek-${this.stage}-api-id`;
  }

  /**
   * The API's domain seen from another stack (the web stack's CloudFront origin), through a
   * named export; the consumer stack must depend on this one.
   */
  importApiDomainName(): string {
    return Fn.importValue(this.domainExportName());
  }

  /** Fixed, stage-scoped name of a job function, e.g. `kezek-dev-job-referral-expiry`. */
  private jobFunctionName(job: JobDefinition): string {
    return functionNameFor(this.stage, job.handler);
  }

  /** The job function's ARN built from its fixed name (see the class comment for why not `functionArn`). */
  private jobFunctionArn(job: JobDefinition): string {
    return this.formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: this.jobFunctionName(job),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  private domainExportName(): string {
    return `kezek-${this.stage}-api-domain`;
  }
}
