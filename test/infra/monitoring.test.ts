import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionRules } from '#domain/application-lifecycle';
import { cloudTableKeys, tables } from '#functions/tables';
import { addKezekStacks, type KezekStacks } from '../../lib/kezek.ts';
import { functionNameFor } from '../../lib/api-stack.ts';
import { alarmThresholds } from '../../lib/monitoring-stack.ts';
import { fakeWebDist } from './helpers.ts';

type Resource = { Type: string; Properties: Record<string, any> };

let stacks: KezekStacks;
let api: Record<string, Resource>;
let monitoring: Record<string, Resource>;
let jobs: Record<string, Resource>;

beforeAll(() => {
  // Alarms and keys do not depend on the functions' code: skip bundling to keep this file quick.
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  stacks = addKezekStacks(app, { stage: 'test', env: { region: 'eu-central-1' }, webDistPath: fakeWebDist() });
  api = Template.fromStack(stacks.api).toJSON().Resources;
  jobs = Template.fromStack(stacks.jobs).toJSON().Resources;
  monitoring = Template.fromStack(stacks.monitoring).toJSON().Resources;
}, 120_000);

const operationsTopic = { 'Fn::ImportValue': 'kezek-test-operations-topic-arn' };

function alarms(): Resource[] {
  return Object.values(monitoring).filter((resource) => resource.Type === 'AWS::CloudWatch::Alarm');
}

function alarmNamed(name: string): Resource {
  const alarm = alarms().find((candidate) => candidate.Properties.AlarmName === name);
  if (!alarm) throw new Error(`no alarm ${name}`);
  return alarm;
}

/** The metrics an alarm watches, whether it has one metric or a math expression over several. */
function watched(alarm: Resource): { namespace: string; name: string; dimensions: string }[] {
  const single = alarm.Properties.MetricName
    ? [{ Namespace: alarm.Properties.Namespace, MetricName: alarm.Properties.MetricName, Dimensions: alarm.Properties.Dimensions }]
    : [];
  const inMath = (alarm.Properties.Metrics ?? []).flatMap((m: any) => (m.MetricStat ? [m.MetricStat.Metric] : []));
  return [...single, ...inMath].map((m: any) => ({ namespace: m.Namespace, name: m.MetricName, dimensions: JSON.stringify(m.Dimensions) }));
}

function logicalIdOf(construct: { node: { defaultChild?: unknown } }, stack: KezekStacks['api'] | KezekStacks['jobs']): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

describe('alarms', () => {
  it('should alarm on errors and on throttles of every function', () => {
    // Prepare
    const functions = [...stacks.api.functions];

    // Act
    const missing = functions.flatMap(([handler, fn]) => {
      const name = (api[stacks.api.getLogicalId(fn.node.defaultChild as CfnFunction)]!.Properties.FunctionName as string) ?? 'unnamed';
      const ref = JSON.stringify([{ Name: 'FunctionName', Value: name }]);
      return ['Errors', 'Throttles'].flatMap((metric) => {
        const found = alarms().some((alarm) => watched(alarm).some((m) => m.namespace === 'AWS/Lambda' && m.name === metric && m.dimensions === ref));
        return found ? [] : [`${handler} ${metric}`];
      });
    });

    // Assess
    expect(functions.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
    expect(functions.map(([, fn]) => api[stacks.api.getLogicalId(fn.node.defaultChild as CfnFunction)]!.Properties.FunctionName)).toEqual(
      functions.map(([handler]) => functionNameFor('test', handler)),
    );
  });

  it('should alarm on read and write throttle events of every table and every index', () => {
    // Act
    const missing = cloudTableKeys.flatMap((key) => {
      const definition = tables[key];
      const exportName = `kezek-test-${key}-table-arn`;
      return [undefined, ...definition.indexes.map((index) => index.indexName)].flatMap((indexName) => {
        const name = `kezek-test-dynamodb-throttles-${definition.name}${indexName ? `-${indexName}` : ''}`;
        const metrics = watched(alarmNamed(name));
        const ok = ['ReadThrottleEvents', 'WriteThrottleEvents'].every((metricName) =>
          metrics.some(
            (m) =>
              m.namespace === 'AWS/DynamoDB' &&
              m.name === metricName &&
              m.dimensions.includes(exportName) &&
              (indexName ? m.dimensions.includes(`"Value":"${indexName}"`) : !m.dimensions.includes('GlobalSecondaryIndexName')),
          ),
        );
        return ok ? [] : [name];
      });
    });

    // Assess
    expect(missing).toEqual([]);
  });

  it('should alarm on 5xx answers of the HTTP API', () => {
    // Act
    const alarm = alarmNamed('kezek-test-api-5xx');

    // Assess
    expect(watched(alarm)).toEqual([
      { namespace: 'AWS/ApiGateway', name: '5xx', dimensions: JSON.stringify([{ Name: 'ApiId', Value: { 'Fn::ImportValue': 'kezek-test-api-id' } }]) },
    ]);
    expect(alarm.Properties.Threshold).toBe(alarmThresholds.api5xx);
    expect(Template.fromStack(stacks.api).toJSON().Outputs.ApiId.Export).toEqual({ Name: 'kezek-test-api-id' });
  });

  it('should alarm as soon as the schedulers dead-letter queue holds a message', () => {
    // Act
    const alarm = alarmNamed('kezek-test-scheduler-dead-letters');

    // Assess
    const [metric] = watched(alarm);
    expect(metric).toMatchObject({ namespace: 'AWS/SQS', name: 'ApproximateNumberOfMessagesVisible' });
    expect(metric!.dimensions).toContain('kezek-test-scheduler-dlq-arn');
    expect(alarm.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('should notify the operations topic when any alarm fires and when it clears', () => {
    // Act
    const wrong = alarms().filter(
      (alarm) =>
        JSON.stringify(alarm.Properties.AlarmActions) !== JSON.stringify([operationsTopic]) ||
        JSON.stringify(alarm.Properties.OKActions) !== JSON.stringify([operationsTopic]) ||
        alarm.Properties.TreatMissingData !== 'notBreaching',
    );

    // Assess
    expect(alarms().length).toBeGreaterThan(90);
    expect(wrong.map((alarm) => alarm.Properties.AlarmName)).toEqual([]);
  });
});

describe('operations topic', () => {
  it('should be encrypted with a customer-managed, rotated key that CloudWatch may use, and nothing more', () => {
    // Prepare
    const topic = jobs[logicalIdOf(stacks.jobs.operationsTopic, stacks.jobs)]!;
    const keyId = (topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

    // Act
    const key = jobs[keyId]!;
    const forCloudWatch = (key.Properties.KeyPolicy.Statement as any[]).filter((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');

    // Assess
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(forCloudWatch).toEqual([expect.objectContaining({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]);
  });

  it('should let only CloudWatch alarms of this account publish, over TLS, and export its ARN', () => {
    // Prepare
    const topicId = logicalIdOf(stacks.jobs.operationsTopic, stacks.jobs);
    const policy = Object.values(jobs).find(
      (resource) => resource.Type === 'AWS::SNS::TopicPolicy' && JSON.stringify(resource.Properties.Topics) === JSON.stringify([{ Ref: topicId }]),
    )!;

    // Act
    const statements = policy.Properties.PolicyDocument.Statement as any[];
    const outputs = Template.fromStack(stacks.jobs).toJSON().Outputs;

    // Assess
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
      }),
    );
    expect(outputs.OperationsTopicArn.Export).toEqual({ Name: 'kezek-test-operations-topic-arn' });
  });
});

describe('dashboard and metrics', () => {
  it('should draw one dashboard with the API, Lambda, DynamoDB, dead-letter and business widgets', () => {
    // Act
    const dashboards = Object.values(monitoring).filter((resource) => resource.Type === 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboards[0]?.Properties.DashboardBody);

    // Assess
    expect(dashboards).toHaveLength(1);
    // Dashboards are global per account: the name carries the Region.
    expect(dashboards[0]!.Properties.DashboardName).toBe('kezek-test-eu-central-1');
    for (const metric of ['"5xx', 'Latency', '"Errors', '"Throttles', 'ReadThrottleEvents', 'WriteThrottleEvents', 'ApproximateNumberOfMessagesVisible', 'SurveySubmitted', 'ApplicationsStopped', 'SmsSent']) {
      expect(body).toContain(metric);
    }
    for (const action of Object.keys(actionRules)) expect(body).toContain(`\\"action\\",\\"${action}\\"`);
  });

  it('should give every function the stage metrics namespace the dashboard reads', () => {
    // Act
    const namespaces = [...stacks.api.functions.values()].map(
      (fn) => (api[stacks.api.getLogicalId(fn.node.defaultChild as CfnFunction)]!.Properties.Environment.Variables as Record<string, unknown>).POWERTOOLS_METRICS_NAMESPACE,
    );

    // Assess
    expect(new Set(namespaces)).toEqual(new Set(['kezek/test']));
  });
});

describe('the vendor layer', () => {
  it("should give every function of ours its stack's one vendor layer (Node 22, arm64), and from outside only AWS's secrets extension to the two that read the origin secret", () => {
    let functions = 0;
    for (const stack of [stacks.api, stacks.jobs]) {
      // Prepare
      const resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
      const layers = Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::Lambda::LayerVersion');
      const ours = Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::Function' && String(resource.Properties.FunctionName ?? '').startsWith('kezek-test-'));
      if (ours.length === 0) continue;
      // Assess
      expect(layers).toHaveLength(1);
      const [layerId, layer] = layers[0]!;
      expect(layer.Properties).toMatchObject({ CompatibleRuntimes: ['nodejs22.x'], CompatibleArchitectures: ['arm64'] });
      for (const fn of ours) {
        const [vendor, ...others] = fn.Properties.Layers as unknown[];
        expect(vendor).toEqual({ Ref: layerId });
        const readsOriginSecret = ['kezek-test-parent-login-code', 'kezek-test-staff-login-session'].includes(fn.Properties.FunctionName);
        expect(others.map((arn) => JSON.stringify(arn).includes(':layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:'))).toEqual(readsOriginSecret ? [true] : []);
      }
      functions += ours.length;
    }
    expect(functions).toBeGreaterThanOrEqual(47);
  });
});
