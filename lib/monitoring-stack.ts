import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { actionRules } from '#domain/application-lifecycle';
import { cloudTableKeys, tables as tableDefinitions } from '#functions/tables';
import { functionNameFor, type ApiStack } from './api-stack.ts';
import type { DataStack } from './data-stack.ts';
import type { JobsStack } from './jobs-stack.ts';

/**
 * When an alarm fires: one place, so the README's table and the tests read the same numbers.
 * Every alarm looks at one 5-minute period; a period with no data is "OK".
 */
export const alarmThresholds = {
  /** HTTP API 5xx answers (our handlers answer 500 for an unexpected error; Lambda crashes, timeouts and throttles also show here). */
  api5xx: 5,
  /** Lambda `Errors` of one function: an invocation that threw past middy, timed out or ran out of memory. */
  lambdaErrors: 1,
  /** Lambda `Throttles` of one function: the account's concurrency is used up. */
  lambdaThrottles: 1,
  /** DynamoDB read + write throttle events of one table or index (the SDK retries; sustained throttling is a hot key). */
  dynamoThrottles: 10,
  /** Messages in the schedulers' dead-letter queue: a job that finally failed, or a task Scheduler could not deliver. */
  deadLetters: 1,
} as const;

const period = Duration.minutes(5);

export interface MonitoringStackProps extends StackProps {
  readonly stage: string;
  /** The tables (named exports). */
  readonly data: DataStack;
  /** The dead-letter queue and the operations topic (named exports). */
  readonly jobs: JobsStack;
  /** The HTTP API (named export of its id) and the functions (fixed names, see `functionNameFor`). */
  readonly api: ApiStack;
}

/**
 * Alarms on what needs a person (API 5xx, every function's errors and throttles, every table's
 * and index's throttling, the schedulers' dead-letter queue), each notifying the operations
 * topic when it fires and when it clears, and one dashboard with the same signals plus the
 * business metrics the functions emit through Powertools (namespace `kezek/<stage>`).
 */
export class MonitoringStack extends Stack {
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;
  /** The CloudWatch namespace of the functions' own metrics. */
  readonly namespace: string;
  private readonly prefix: string;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    this.prefix = `kezek-${props.stage}`;
    this.namespace = `kezek/${props.stage}`;
    const scheduling = props.jobs.importScheduling(this);
    this.action = new SnsAction(Topic.fromTopicArn(this, 'OperationsTopic', scheduling.operationsTopicArn));
    const deadLetterQueue = Queue.fromQueueArn(this, 'SchedulerDeadLetterQueue', scheduling.deadLetterQueueArn);
    const apiId = props.api.importApiId(this);
    const apiMetric = (metricName: string, statistic: string, label: string) =>
      new Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: { ApiId: apiId }, period, statistic, label });
    // A plain string on the API stack's functions: the namespace this stack's dashboard reads.
    const functions = [...props.api.functions].sort(([a], [b]) => a.localeCompare(b));
    for (const [, fn] of functions) fn.addEnvironment('POWERTOOLS_METRICS_NAMESPACE', this.namespace);
    const lambdaMetric = (handler: string, metricName: string, statistic: string) =>
      new Metric({ namespace: 'AWS/Lambda', metricName, dimensionsMap: { FunctionName: functionNameFor(props.stage, handler) }, period, statistic, label: handler });

    const server5xx = apiMetric('5xx', 'Sum', '5xx');
    this.alarm('Api5xx', 'api-5xx', server5xx, alarmThresholds.api5xx, 'The HTTP API answered 5xx');

    for (const [handler] of functions) {
      this.alarm(`${handler}Errors`, `lambda-errors-${handler}`, lambdaMetric(handler, 'Errors', 'Sum'), alarmThresholds.lambdaErrors, `${handler} failed`);
      this.alarm(`${handler}Throttles`, `lambda-throttles-${handler}`, lambdaMetric(handler, 'Throttles', 'Sum'), alarmThresholds.lambdaThrottles, `${handler} was throttled`);
    }

    // One entry per table (several keys of tables.ts may name one table).
    const tableByName = new Map(cloudTableKeys.map((key) => [tableDefinitions[key].name, key]));
    const uniqueTables = [...tableByName.values()].map((key) => ({ definition: tableDefinitions[key], table: props.data.importTable(this, key) }));
    for (const { definition, table } of uniqueTables) {
      this.alarm(`${definition.name}Throttles`, `dynamodb-throttles-${definition.name}`, throttleEvents(table.tableName), alarmThresholds.dynamoThrottles, `${definition.name} throttled`);
      for (const index of definition.indexes) {
        this.alarm(
          `${definition.name}${index.indexName}Throttles`,
          `dynamodb-throttles-${definition.name}-${index.indexName}`,
          throttleEvents(table.tableName, index.indexName),
          alarmThresholds.dynamoThrottles,
          `${definition.name} index ${index.indexName} throttled`,
        );
      }
    }

    const deadLetters = deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label: 'messages' });
    this.alarm('DeadLetters', 'scheduler-dead-letters', deadLetters, alarmThresholds.deadLetters, 'A job or schedule landed in the dead-letter queue');

    // Dashboards are global to the account: the Region keeps two Regions' stages of one name apart.
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${this.prefix}-${this.region}`, defaultInterval: Duration.hours(3) });
    const errorsOf = (handlers: typeof functions) => handlers.map(([handler]) => lambdaMetric(handler, 'Errors', 'Sum'));
    const routeFunctions = functions.filter(([handler]) => !handler.startsWith('job-'));
    const jobFunctions = functions.filter(([handler]) => handler.startsWith('job-'));
    const tableMetric = (metricName: string) =>
      uniqueTables.map(({ definition, table }) =>
        new Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap: { TableName: table.tableName }, period, statistic: 'Sum', label: definition.name }),
      );
    const business = (metricName: string, dimensionsMap: Record<string, string> = {}, label = metricName) =>
      new Metric({ namespace: this.namespace, metricName, dimensionsMap: { service: 'kezek', ...dimensionsMap }, period, statistic: 'Sum', label });

    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# kezek ${props.stage}\nAlarms notify the operations topic. Log queries for incidents: README, "Operations".`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 6 }));
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors',
        width: 12,
        left: [apiMetric('Count', 'Sum', 'requests')],
        right: [apiMetric('4xx', 'Sum', '4xx'), server5xx],
      }),
      new GraphWidget({
        title: 'API latency (ms)',
        width: 12,
        left: ['p50', 'p90', 'p99'].map((statistic) => apiMetric('Latency', statistic, statistic)),
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'Lambda errors: routes and authorizer', width: 12, left: errorsOf(routeFunctions) }),
      new GraphWidget({ title: 'Lambda errors: jobs', width: 12, left: errorsOf(jobFunctions) }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Lambda throttles',
        width: 12,
        left: functions.map(([handler]) => lambdaMetric(handler, 'Throttles', 'Sum')),
      }),
      new GraphWidget({
        title: 'Lambda duration p99 (ms)',
        width: 12,
        left: functions.map(([handler]) => lambdaMetric(handler, 'Duration', 'p99')),
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'DynamoDB throttle events', width: 12, left: tableMetric('ReadThrottleEvents'), right: tableMetric('WriteThrottleEvents') }),
      new GraphWidget({ title: 'DynamoDB consumed read (left) and write (right) units', width: 12, left: tableMetric('ConsumedReadCapacityUnits'), right: tableMetric('ConsumedWriteCapacityUnits') }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Schedulers dead-letter queue',
        width: 12,
        left: [deadLetters],
        right: [deadLetterQueue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum', label: 'oldest (s)' })],
      }),
      new GraphWidget({
        title: 'Campaign and login',
        width: 12,
        left: [business('SurveySubmitted'), business('ApplicationsStopped'), business('SmsSent'), business('SmsFailed')],
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Application transitions by action',
        width: 24,
        left: Object.keys(actionRules).map((action) => business('ApplicationTransition', { action }, action)),
      }),
    );
  }

  private alarm(id: string, name: string, metric: IMetric, threshold: number, description: string): Alarm {
    const alarm = new Alarm(this, `${id}Alarm`, {
      alarmName: `${this.prefix}-${name}`,
      alarmDescription: `${description} (${threshold} or more in 5 minutes). What to do: README, "Operations".`,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

/** Read + write throttle events of a table, or of one of its global secondary indexes. */
function throttleEvents(tableName: string, indexName?: string): MathExpression {
  const dimensionsMap = { TableName: tableName, ...(indexName && { GlobalSecondaryIndexName: indexName }) };
  const events = (metricName: string) => new Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap, period, statistic: 'Sum' });
  return new MathExpression({
    expression: 'FILL(reads, 0) + FILL(writes, 0)',
    usingMetrics: { reads: events('ReadThrottleEvents'), writes: events('WriteThrottleEvents') },
    period,
    label: 'throttle events',
  });
}
