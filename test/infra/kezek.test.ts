import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, authorizer, type Grants, type RouteDefinition } from '#http/routes';
import { grantsOf } from '#http/audit-actions';
import { jobTargetEnvVar } from '#adapters/scheduler/job-target';
import { jobs, type JobDefinition } from '#functions/jobs/jobs';
import { consumers } from '#functions/jobs/consumers';
import { cloudTableKeys, cloudTableList as tableList, tableList as allTables, tables, type TableKey } from '#functions/tables';
import type { KezekStacks } from '../../lib/kezek.ts';
import { lambdaLayerRoot, vendorModulePath, vendorModules } from '../../lib/vendor-layer.ts';
import { rolePolicies, synthKezek } from './helpers.ts';

type Resources = Record<string, { Type: string; Properties?: Record<string, any> }>;

let app: App;
let stacks: KezekStacks;
let templates: { data: Template; jobs: Template; api: Template; web: Template };

beforeAll(() => {
  ({ app, stacks } = synthKezek());
  templates = {
    data: Template.fromStack(stacks.data),
    jobs: Template.fromStack(stacks.jobs),
    api: Template.fromStack(stacks.api),
    web: Template.fromStack(stacks.web),
  };
}, 900_000);

const allRoutes = routes as readonly RouteDefinition[];
const allJobs = jobs as readonly JobDefinition[];
/** Every function of the API stack by handler name, with the grants it was made from. */
const allFunctions: readonly (readonly [string, Grants])[] = [
  ...allRoutes.map((route) => [route.handler, grantsOf(route)] as const),
  [authorizer.handler, authorizer.grants] as const,
  ...allJobs.map((job) => [job.handler, job.grants] as const),
  ...consumers.map((consumer) => [consumer.handler, consumer.grants as Grants] as const),
];

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Condition?: unknown;
}

function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

function functionResource(handler: string): { Properties: Record<string, any> } {
  const fn = stacks.api.functions.get(handler);
  if (!fn) throw new Error(`no function for handler ${handler}`);
  const logicalId = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnFunction);
  const resource = templates.api.toJSON().Resources[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId} for handler ${handler}`);
  return resource;
}

/** Logical id of a role of the API stack (a function's role, the scheduler role). */
function roleLogicalId(role: { node: { defaultChild?: unknown } }): string {
  return stacks.api.getLogicalId(role.node.defaultChild as CfnElement);
}

/** Every statement of every inline policy the API stack attaches to the role `roleId`. */
function statementsOfRole(roleId: string): Statement[] {
  return rolePolicies(templates.api)
    .filter((policy) => policy.roles.includes(roleId))
    .flatMap((policy) => policy.statements as Statement[]);
}

const actionsOf = (statement: Statement): string[] => [statement.Action].flat();

/** The ARN CloudFormation builds for the function named `name` in the test app's region. */
function functionArnOfName(name: string): unknown {
  return {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':lambda:eu-central-1:', { Ref: 'AWS::AccountId' }, `:function:${name}`]],
  };
}

/** The construct id CDK gives the singleton function behind every `AwsCustomResource`. */
const customResourceProviderId = 'AWS679f53fac002430cb0da5b7982bd2287';

const schedulerVariables = [
  'SCHEDULE_GROUP_NAME',
  'SCHEDULER_ROLE_ARN',
  'SCHEDULER_DLQ_ARN',
  ...allJobs.map((job) => jobTargetEnvVar(job.kind)),
];

describe('api stack', () => {
  it("should stay within CloudFormation's 500 resources a stack, with room for five more routes in the API stack", () => {
    // Act
    const counts = Object.fromEntries(Object.entries(templates).map(([name, template]) => [name, Object.keys(template.toJSON().Resources).length]));
    // Assess: a route costs 7 (function, role, log group, integration, route, permission, and its grants inside the role)
    for (const [name, count] of Object.entries(counts)) expect(count, name).toBeLessThanOrEqual(500);
    expect(counts.api).toBeLessThanOrEqual(500 - 5 * 7);
  });

  it("should keep each function's grants inside its role (no policy resource of its own)", () => {
    // Act
    const policyResources = Object.keys(templates.api.findResources('AWS::IAM::Policy'));
    const functionRoles = [...stacks.api.functions.values()].map((fn) => roleLogicalId(fn.role!));
    const attachedToFunctions = rolePolicies(templates.api).filter((policy) => policy.roles.some((role) => functionRoles.includes(role)) && policy.roles.length !== 1);
    // Assess: the scheduler's, SNS's delivery-status and the custom resource's roles keep theirs
    expect(policyResources).toHaveLength(3);
    expect(attachedToFunctions).toEqual([]);
    expect(functionRoles.every((role) => (templates.api.toJSON().Resources[role].Properties.Policies as unknown[]).length === 1)).toBe(true);
  });

  it('should have exactly one route per entry of the route table', () => {
    // Prepare
    const expected = allRoutes.map((route) => `${route.method} ${route.path}`).sort();

    // Act
    const actual = Object.values(resourcesOf(templates.api, 'AWS::ApiGatewayV2::Route'))
      .map((route) => route.Properties?.RouteKey as string)
      .sort();

    // Assess
    expect(actual).toEqual(expected);
  });

  it.each(allRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    'should route %s to a Lambda integration, behind the authorizer iff not public',
    (routeKey, route) => {
      // Prepare
      const isPublic = route.access === 'public';

      // Act
      const matches = templates.api.findResources('AWS::ApiGatewayV2::Route', {
        Properties: { RouteKey: routeKey },
      }) as Resources;

      // Assess
      const [properties] = Object.values(matches).map((match) => match.Properties ?? {});
      expect(properties).toBeDefined();
      expect(JSON.stringify(properties?.Target)).toMatch(/integrations\//);
      expect(properties?.AuthorizationType).toBe(isPublic ? 'NONE' : 'CUSTOM');
      expect(properties?.AuthorizerId === undefined).toBe(isPublic);
    },
  );

  it('should check sessions with an uncached simple-response Lambda authorizer reading the Cookie header', () => {
    // Act / Assess
    templates.api.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    templates.api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: ['$request.header.Cookie'],
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 0,
    });
  });

  it('should log access as JSON and throttle on the default stage', () => {
    // Act / Assess
    templates.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"\\$context.requestId"') },
      DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
    });
  });

  it('should run every function on nodejs22.x and arm64', () => {
    // Act: ours, not the provider of the one AWS custom resource (SNS's SMS delivery-status setting, decision 53), which CDK owns
    const functions = Object.entries(resourcesOf(templates.api, 'AWS::Lambda::Function'))
      .filter(([id]) => !id.startsWith(customResourceProviderId))
      .map(([, fn]) => fn);

    // Assess
    expect(functions).toHaveLength(allRoutes.length + 1 + allJobs.length + consumers.length);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    }
  });

  it.each(allFunctions)(
    'should give the %s function exactly the table variables its grants name',
    (handler, grants) => {
      // Prepare
      const tableVariables = new Set(allTables.map((definition) => definition.envVar));
      const expected = Object.keys(grants.tables ?? {})
        .map((key) => tables[key as TableKey].envVar)
        .sort();

      // Act
      const variables = functionResource(handler).Properties.Environment.Variables as Record<string, unknown>;

      // Assess
      expect(Object.keys(variables).filter((name) => tableVariables.has(name)).sort()).toEqual(expected);
      // No --enable-source-maps: the map ships, `npm run stack` reads it (decision 63)
      expect(variables.NODE_OPTIONS).toBeUndefined();
      expect(variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'kezek',
        // Lambda's active tracing only, unless the deployment asks for the X-Ray SDK (decision 62)
        POWERTOOLS_TRACE_ENABLED: 'false',
        COOKIE_SECURE: 'true',
        NOTIFIER: 'sns',
      });
    },
  );

  it('should let only functions whose grants say sms publish SMS (to no SNS ARN), and announcers publish to the topic only', () => {
    // Prepare
    const roleOf = (handler: string) => stacks.api.getLogicalId(stacks.api.functions.get(handler)!.role!.node.defaultChild as CfnFunction);
    const publishStatements = (matches: (statement: Statement) => boolean) =>
      rolePolicies(templates.api)
        .filter((policy) => (policy.statements as Statement[]).some((statement) => actionsOf(statement).includes('sns:Publish') && matches(statement)))
        .flatMap((policy) => policy.roles);
    const phoneNumbersOnly = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] };

    // Act
    const smsPublishers = publishStatements(
      (statement) => statement.Resource === undefined && JSON.stringify(statement.NotResource) === JSON.stringify(phoneNumbersOnly),
    );
    const topicPublishers = publishStatements((statement) => JSON.stringify(statement.Resource ?? null).includes('announcements-topic-arn'));
    const otherPublishers = publishStatements(
      (statement) => statement.Resource === '*' || (statement.Resource === undefined && JSON.stringify(statement.NotResource) !== JSON.stringify(phoneNumbersOnly)),
    );

    // Assess
    expect(smsPublishers.sort()).toEqual(allFunctions.filter(([, grants]) => grants.sms).map(([handler]) => roleOf(handler)).sort());
    expect(topicPublishers.sort()).toEqual(allFunctions.filter(([, grants]) => grants.announce).map(([handler]) => roleOf(handler)).sort());
    expect(otherPublishers).toEqual([]);
  });
});

describe('data stack', () => {
  it('should have exactly one table per entry of tableList', () => {
    // Act / Assess
    templates.data.resourceCountIs('AWS::DynamoDB::GlobalTable', tableList.length);
  });

  it.each(tableList.map((definition) => [definition.name, definition] as const))(
    'should shape the %s table exactly as tables.ts says',
    (_name, definition) => {
      // Prepare
      const keys = [definition.partitionKey, definition.sortKey, ...definition.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]
        .filter((key) => key !== undefined);
      const attributes = [...new Map(keys.map((key) => [key.name, key.type])).entries()]
        .map(([name, type]) => ({ AttributeName: name, AttributeType: type }))
        .sort((a, b) => a.AttributeName.localeCompare(b.AttributeName));
      const keySchema = (partition: { name: string }, sort?: { name: string }) => [
        { AttributeName: partition.name, KeyType: 'HASH' },
        ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' }] : []),
      ];
      const table = stacks.data.tables[
        cloudTableKeys.find((key) => tables[key].name === definition.name)!
      ];

      // Act
      const properties = templates.data.toJSON().Resources[stacks.data.getLogicalId(table.node.defaultChild as CfnFunction)]
        .Properties;

      // Assess
      expect(properties.KeySchema).toEqual(keySchema(definition.partitionKey, definition.sortKey));
      expect([...properties.AttributeDefinitions].sort((a: any, b: any) => a.AttributeName.localeCompare(b.AttributeName)))
        .toEqual(attributes);
      expect(properties.GlobalSecondaryIndexes ?? []).toEqual(
        definition.indexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: index.projection },
        })),
      );
      expect(properties.TimeToLiveSpecification).toEqual(
        definition.ttlAttribute ? { AttributeName: definition.ttlAttribute, Enabled: true } : undefined,
      );
      expect(properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(properties.Replicas).toHaveLength(1);
      expect(properties.Replicas[0]).toMatchObject({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    },
  );

  it('should retain every table when the stack is deleted', () => {
    // Act
    const policies = Object.values(templates.data.findResources('AWS::DynamoDB::GlobalTable')).map(
      (table) => [table.DeletionPolicy, table.UpdateReplacePolicy],
    );

    // Assess
    expect(policies).toEqual(tableList.map(() => ['Retain', 'Retain']));
  });
});

describe('IAM', () => {
  // X-Ray, and the SMS account setting of delivery-status logging (decision 53: no resource ARN exists).
  const starResourceActions = [['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], ['sns:SetSMSAttributes']];

  it('should grant no wildcard action and "*" resources only for X-Ray', () => {
    // Prepare
    const problems: string[] = [];

    // Act
    for (const [stackName, template] of Object.entries(templates)) {
      const documents = [
        ...Object.entries(resourcesOf(template, 'AWS::IAM::Policy')).map(([id, p]) => [id, p.Properties?.PolicyDocument] as const),
        ...Object.entries(resourcesOf(template, 'AWS::IAM::Role')).flatMap(([id, role]) =>
          (role.Properties?.Policies ?? []).map((p: any) => [id, p.PolicyDocument] as const),
        ),
      ];
      for (const [id, document] of documents) {
        for (const statement of document.Statement) {
          const actions = [statement.Action].flat() as string[];
          const resources = [statement.Resource ?? []].flat();
          for (const action of actions) {
            if (action === '*' || /^[^:]+:\*$/.test(action)) problems.push(`${stackName}/${id}: action ${action}`);
          }
          const sorted = [...actions].sort();
          if (resources.includes('*') && !starResourceActions.some((allowed) => JSON.stringify(allowed) === JSON.stringify(sorted))) {
            problems.push(`${stackName}/${id}: Resource "*" with ${sorted.join(', ')}`);
          }
        }
      }
    }

    // Assess
    expect(problems).toEqual([]);
  });
});

describe('least privilege per function', () => {
  const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
  const tableArn = (key: string) => ({ 'Fn::ImportValue': `kezek-test-${key}-table-arn` });
  const jobArn = (handler: string) => functionArnOfName(`kezek-test-${handler}`);

  /** The DynamoDB actions of a function by table key, in the order of its statements. */
  function tableActions(handler: string): Record<string, string[]> {
    const byTable: Record<string, string[]> = {};
    for (const statement of statementsOfRole(roleLogicalId(stacks.api.functions.get(handler)!.role!))) {
      if (!actionsOf(statement).some((action) => action.startsWith('dynamodb:'))) continue;
      const first = [statement.Resource].flat()[0] as { 'Fn::ImportValue': string };
      // A stream's grant (the aggregator's, on the answers stream) is checked on its own below.
      if (first['Fn::ImportValue'].endsWith('-stream-arn')) continue;
      const key = first['Fn::ImportValue'].replace(/^kezek-test-/, '').replace(/-table-arn$/, '');
      byTable[key] = [...(byTable[key] ?? []), ...actionsOf(statement)];
    }
    return byTable;
  }

  function invokedFunctions(handler: string): unknown[] {
    return statementsOfRole(roleLogicalId(stacks.api.functions.get(handler)!.role!))
      .filter((statement) => actionsOf(statement).includes('lambda:InvokeFunction'))
      .flatMap((statement) => [statement.Resource].flat());
  }

  it('should let the authorizer only read the Auth table and the staff accounts', () => {
    // Act
    const actions = tableActions('authorizer');

    // Assess: sessions, and a staff session's account (status, session generation, role)
    const read = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
    expect(actions).toEqual({ auth: read, accounts: read });
  });

  it('should let logout put, update and delete in the Auth table, and nothing else', () => {
    // Act
    const statements = statementsOfRole(roleLogicalId(stacks.api.functions.get('logout')!.role!)).filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('dynamodb:')),
    );

    // Assess
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'], Resource: tableArn('auth') },
      { Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], Resource: tableArn('auth') },
    ]);
  });

  it('should let parent-login-code read accounts, write but not delete in Auth, and text phone numbers only', () => {
    // Act
    const actions = tableActions('parent-login-code');
    const sns = statementsOfRole(roleLogicalId(stacks.api.functions.get('parent-login-code')!.role!)).filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('sns:')),
    );

    // Assess
    expect(actions).toEqual({
      accounts: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
      auth: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    });
    expect(sns).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', NotResource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] } },
    ]);
  });

  it('should let the import write in batches to accounts, applications, constraints and notifications, and never delete', () => {
    // Act
    const actions = tableActions('staff-import-rows');

    // Assess
    const batch = [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'];
    expect(actions).toEqual({
      kindergartens: [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      applications: [...read, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
      constraints: batch,
      notifications: batch,
      accounts: batch,
      tenants: read,
      // The audit trail: append only.
      audit: ['dynamodb:PutItem'],
    });
  });

  it('should let staff-enroll delete only in Constraints (the child guard it releases)', () => {
    // Act
    const actions = tableActions('staff-enroll');

    // Assess
    expect(Object.entries(actions).filter(([, list]) => list.includes('dynamodb:DeleteItem')).map(([key]) => key)).toEqual(['constraints']);
  });

  it('should let each route invoke only the job functions it enqueues', () => {
    // Act
    const invoked = {
      createExport: invokedFunctions('staff-create-export'),
      startCampaign: invokedFunctions('staff-start-campaign'),
      cancelCampaign: invokedFunctions('staff-cancel-campaign'),
      enroll: invokedFunctions('staff-enroll'),
      campaignStartJob: invokedFunctions('job-campaign-start'),
      getExport: invokedFunctions('staff-get-export'),
    };

    // Assess
    expect(invoked).toEqual({
      createExport: [jobArn('job-export')],
      startCampaign: [jobArn('job-campaign-start')],
      cancelCampaign: [jobArn('job-campaign-close')],
      enroll: [jobArn('job-recompute-positions')],
      // It hands over to its own continuation (decision 42).
      campaignStartJob: [jobArn('job-campaign-start')],
      getExport: [],
    });
  });

  it.each(allFunctions)('should give %s exactly the DynamoDB actions its grants name', (handler, grants) => {
    // Prepare
    const expected = Object.fromEntries(
      Object.entries(grants.tables ?? {}).map(([key, access]) => [
        key,
        [
          // `write` (audited routes on the audit table) adds items and reads none.
          ...(access === 'write' ? [] : read),
          ...(access === 'write' ? ['dynamodb:PutItem'] : []),
          // The audit table is append-only: read and PutItem, never UpdateItem.
          ...(access === 'readWrite' ? (key === 'audit' ? ['dynamodb:PutItem'] : ['dynamodb:PutItem', 'dynamodb:UpdateItem']) : []),
          ...((grants.deletes ?? []).includes(key as never) ? ['dynamodb:DeleteItem'] : []),
          ...((grants.batchWrites ?? []).includes(key as never) ? ['dynamodb:BatchWriteItem'] : []),
        ],
      ]),
    );

    // Act
    const actions = tableActions(handler);

    // Assess
    expect(actions).toEqual(expected);
  });

  it('should grant no Scan or DescribeTable to any role, and stream actions only to the aggregator on the answers stream', () => {
    // Act
    const statements = Object.values(templates)
      .flatMap((template) => rolePolicies(template))
      .flatMap((policy) => policy.statements as Statement[]);
    const granted = statements.flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:'));
    const streamActions = ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'];
    const streamStatements = statements.filter((statement) => actionsOf(statement).some((action) => streamActions.includes(action)));
    const aggregatorStatements = statementsOfRole(roleLogicalId(stacks.api.functions.get('answer-aggregator')!.role!)).filter((statement) => actionsOf(statement).some((action) => streamActions.includes(action)));

    // Assess
    for (const forbidden of ['dynamodb:Scan', 'dynamodb:DescribeTable']) expect(granted).not.toContain(forbidden);
    expect(granted.length).toBeGreaterThan(0);
    expect(streamStatements).toEqual(aggregatorStatements);
    expect(aggregatorStatements).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], Resource: { 'Fn::ImportValue': 'kezek-test-answers-table-stream-arn' } },
    ]);
  });
});

describe('cdk-nag', () => {
  it('should report no unacknowledged AwsSolutions error or warning', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(app);

    // Assess
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`),
    );
    expect(findings).toEqual([]);
  });
});

describe('web stack', () => {
  it('should keep the bucket private, encrypted and TLS-only', () => {
    // Act / Assess
    templates.web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
    for (const bucket of Object.values(resourcesOf(templates.web, 'AWS::S3::Bucket'))) {
      expect(bucket.Properties?.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    }
    templates.web.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('should serve over HTTPS with OAC, an SPA rewrite and a /api/* behaviour to the HTTP API', () => {
    // Act / Assess
    templates.web.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    templates.web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        HttpVersion: 'http2and3',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          ResponseHeadersPolicyId: Match.anyValue(),
        }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            ViewerProtocolPolicy: 'redirect-to-https',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
            OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
          }),
        ],
        Origins: Match.arrayWith([
          Match.objectLike({ OriginAccessControlId: Match.anyValue() }),
          Match.objectLike({
            DomainName: { 'Fn::ImportValue': 'kezek-test-api-domain' },
            CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
          }),
        ]),
      }),
    });
  });

  it('should send security headers with a same-origin CSP', () => {
    // Act / Assess
    templates.web.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ Override: true, IncludeSubdomains: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: Match.objectLike({ ReferrerPolicy: 'strict-origin-when-cross-origin' }),
          ContentSecurityPolicy: Match.objectLike({
            ContentSecurityPolicy: Match.stringLikeRegexp("default-src 'self'.*connect-src 'self'"),
          }),
        }),
      }),
    });
  });

  it('should deploy the built front end and invalidate the distribution', () => {
    // Act / Assess
    templates.web.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionId: Match.anyValue(),
      DistributionPaths: ['/*'],
    });
  });
});

describe('jobs stack', () => {
  it('should send a job that keeps failing to the scheduler dead-letter queue after 2 retries', () => {
    // Prepare
    const configs = Object.values(resourcesOf(templates.api, 'AWS::Lambda::EventInvokeConfig')) as { Properties: Record<string, any> }[];
    // Assess: one per job function, failures to the imported DLQ
    expect(configs).toHaveLength(jobs.length);
    for (const config of configs) {
      expect(config.Properties.MaximumRetryAttempts).toBe(2);
      expect(JSON.stringify(config.Properties.DestinationConfig.OnFailure.Destination)).toContain('scheduler-dlq-arn');
    }
  });

  it('should have the stage schedule group and an encrypted TLS-only DLQ, and leave the scheduler role to the API stack', () => {
    // Act / Assess
    templates.jobs.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'kezek-test' });
    templates.jobs.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    templates.jobs.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    templates.jobs.resourceCountIs('AWS::IAM::Role', 0);
  });

  it('should export the schedule group name and the DLQ ARN under stage-scoped names', () => {
    // Act
    const outputs = templates.jobs.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>;
    const queueId = stacks.jobs.getLogicalId(stacks.jobs.schedulerDeadLetterQueue.node.defaultChild as CfnElement);

    // Assess
    expect(outputs.ScheduleGroupName).toEqual({ Value: 'kezek-test', Export: { Name: 'kezek-test-schedule-group-name' } });
    expect(outputs.SchedulerDeadLetterQueueArn).toEqual({
      Value: { 'Fn::GetAtt': [queueId, 'Arn'] },
      Export: { Name: 'kezek-test-scheduler-dlq-arn' },
    });
  });

  it('should encrypt the announcements topic with the AWS-managed SNS key and refuse plain HTTP on both topics', () => {
    // Act
    const topics = resourcesOf(templates.jobs, 'AWS::SNS::Topic');
    const announcements = topics[stacks.jobs.getLogicalId(stacks.jobs.announcementsTopic.node.defaultChild as CfnElement)];

    // Assess (the operations topic has a customer-managed key: test/infra/monitoring.test.ts)
    expect(Object.keys(topics)).toHaveLength(2);
    expect(JSON.stringify(announcements?.Properties?.KmsMasterKeyId)).toContain('alias/aws/sns');
    const policies = Object.values(resourcesOf(templates.jobs, 'AWS::SNS::TopicPolicy'));
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(policy.Properties?.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});

describe('scheduled jobs', () => {
  it.each(allJobs.map((job) => [job.kind, job] as const))(
    'should run the %s job in a fixed-name nodejs22.x arm64 function with exactly its table variables',
    (_kind, job) => {
      // Prepare
      const tableVariables = new Set(allTables.map((definition) => definition.envVar));
      const expected = Object.keys(job.grants.tables ?? {})
        .map((key) => tables[key as TableKey].envVar)
        .sort();

      // Act
      const properties = functionResource(job.handler).Properties;

      // Assess
      expect(stacks.api.jobFunctions.get(job.kind)).toBe(stacks.api.functions.get(job.handler));
      expect(properties).toMatchObject({
        FunctionName: `kezek-test-${job.handler}`,
        Handler: 'index.handler',
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
      });
      const variables = Object.keys(properties.Environment.Variables as Record<string, unknown>);
      expect(variables.filter((name) => tableVariables.has(name)).sort()).toEqual(expected);
    },
  );

  it('should let EventBridge Scheduler of this account assume the scheduler role', () => {
    // Act
    const role = templates.api.toJSON().Resources[roleLogicalId(stacks.api.schedulerRole)];

    // Assess
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
  });

  it('should let the scheduler role invoke exactly the job functions and send only to the DLQ', () => {
    // Prepare
    const jobFunctionArns = allJobs.map((job) => {
      const fn = stacks.api.jobFunctions.get(job.kind)!;
      return { 'Fn::GetAtt': [stacks.api.getLogicalId(fn.node.defaultChild as CfnElement), 'Arn'] };
    });

    // Act
    const statements = statementsOfRole(roleLogicalId(stacks.api.schedulerRole));

    // Assess
    expect(statements).toHaveLength(2);
    expect(statements).toContainEqual({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: jobFunctionArns });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'sqs:SendMessage',
      Resource: { 'Fn::ImportValue': 'kezek-test-scheduler-dlq-arn' },
    });
  });

  it('should grant lambda:InvokeFunction only to the scheduler role and to functions that enqueue jobs', () => {
    // Prepare
    const schedulerRoleId = roleLogicalId(stacks.api.schedulerRole);
    const enqueuers = allFunctions.filter(([, grants]) => (grants.enqueues ?? []).length > 0).map(([handler]) => roleLogicalId(stacks.api.functions.get(handler)!.role!));

    // Act
    const grantsLambda = (statement: Statement) => actionsOf(statement).some((action) => action.startsWith('lambda:'));
    const invokers = rolePolicies(templates.api)
      .filter((policy) => (policy.statements as Statement[]).some(grantsLambda))
      .flatMap((policy) => policy.roles);

    // Assess
    expect(invokers.sort()).toEqual([schedulerRoleId, ...enqueuers].sort());
  });

  it.each(allFunctions.map(([handler, grants]) => [handler, Boolean(grants.scheduler), grants.enqueues ?? []] as const))(
    'should give %s (scheduler grant: %s, enqueues: %j) the scheduler variables and permissions exactly when its grants say so',
    (handler, hasScheduler, enqueues) => {
      // Prepare
      const fn = stacks.api.functions.get(handler)!;
      const schedulerRoleArn = { 'Fn::GetAtt': [roleLogicalId(stacks.api.schedulerRole), 'Arn'] };
      const expectedTargets = Object.fromEntries(
        allJobs.map((job) => [jobTargetEnvVar(job.kind), functionArnOfName(functionResource(job.handler).Properties.FunctionName)]),
      );

      // Act
      const variables = functionResource(handler).Properties.Environment.Variables as Record<string, unknown>;
      const statements = statementsOfRole(roleLogicalId(fn.role!));
      const schedulerStatements = statements.filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('scheduler:') || action === 'iam:PassRole'),
      );

      const invokeStatements = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('lambda:')));

      // Assess
      if (!hasScheduler) {
        expect(Object.keys(variables).filter((name) => schedulerVariables.includes(name))).toEqual([]);
        expect(schedulerStatements).toEqual([]);
        expect(invokeStatements).toEqual([]);
        return;
      }
      // `enqueue`: an asynchronous call of exactly the job functions it starts, nothing else.
      const invoked = enqueues.map((kind) => expectedTargets[jobTargetEnvVar(kind)]);
      expect(invokeStatements).toEqual(
        invoked.length === 0 ? [] : [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: invoked.length === 1 ? invoked[0] : invoked }],
      );
      expect(variables).toMatchObject({
        SCHEDULE_GROUP_NAME: { 'Fn::ImportValue': 'kezek-test-schedule-group-name' },
        SCHEDULER_ROLE_ARN: schedulerRoleArn,
        SCHEDULER_DLQ_ARN: { 'Fn::ImportValue': 'kezek-test-scheduler-dlq-arn' },
        ...expectedTargets,
      });
      expect(schedulerStatements).toEqual([
        {
          Effect: 'Allow',
          Action: 'scheduler:CreateSchedule',
          Resource: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':scheduler:eu-central-1:',
                { Ref: 'AWS::AccountId' },
                ':schedule/',
                { 'Fn::ImportValue': 'kezek-test-schedule-group-name' },
                '/*',
              ],
            ],
          },
        },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: schedulerRoleArn,
          Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        },
      ]);
    },
  );

  it('should pass a role to nothing but Scheduler (the scheduler role) and SNS (its delivery-status role, by the custom resource that sets it)', () => {
    // Prepare
    const expected = {
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: { 'Fn::GetAtt': [roleLogicalId(stacks.api.schedulerRole), 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    };

    // Act
    const passRoles = Object.values(templates)
      .flatMap((template) => rolePolicies(template))
      .flatMap((policy) => policy.statements as Statement[])
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('iam:')));
    const toSns = passRoles.filter((statement) => JSON.stringify(statement.Condition).includes('sns.amazonaws.com'));

    // Assess
    expect(passRoles).toHaveLength(allFunctions.filter(([, grants]) => grants.scheduler).length + 1);
    for (const statement of passRoles.filter((s) => !toSns.includes(s))) expect(statement).toEqual(expected);
    expect(toSns).toEqual([
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('SmsDeliveryStatusRole') as never, 'Arn'] }, Condition: { StringEquals: { 'iam:PassedToService': 'sns.amazonaws.com' } } },
    ].map((s) => ({ ...s, Resource: toSns[0]?.Resource })));
    expect(JSON.stringify(toSns[0]?.Resource)).toMatch(/SmsDeliveryStatusRole[0-9A-F]+/);
  });

  it('should not deploy a local-only table, nor hand one to a function', () => {
    // Prepare
    const localOnly = allTables.filter((definition) => definition.localOnly);
    const deployedPartitionKeys = Object.values(resourcesOf(templates.data, 'AWS::DynamoDB::GlobalTable')).map((table) => {
      const keySchema = table.Properties?.KeySchema as { AttributeName: string; KeyType: string }[];
      return keySchema.find((key) => key.KeyType === 'HASH')!.AttributeName;
    });

    // Act
    const variables = Object.values(resourcesOf(templates.api, 'AWS::Lambda::Function')).flatMap((fn) =>
      Object.keys(fn.Properties?.Environment?.Variables ?? {}),
    );

    // Assess
    expect(localOnly.map((definition) => definition.name)).toContain('Schedules');
    for (const definition of localOnly) {
      expect(stacks.data.node.tryFindChild(definition.name)).toBeUndefined();
      expect(deployedPartitionKeys).not.toContain(definition.partitionKey.name);
      expect(variables).not.toContain(definition.envVar);
    }
  });
});

describe('the vendor layer in the cloud assembly', () => {
  it('should hold every vendor module, and every function as synthesized should load against it in a Lambda-like Node', () => {
    // Prepare: the layer and the functions' bundles as `cdk deploy` would upload them, the layer where
    // Lambda mounts it: the bundles import its modules by their paths below /opt (decision 68), which a
    // resolve hook maps to the folder the layer was copied to
    const resources = templates.api.toJSON().Resources as Resources;
    const assetDir = (s3Key: unknown) => join(app.outdir, `asset.${String(s3Key).replace(/\.zip$/, '')}`);
    const layers = Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::LayerVersion');
    expect(layers).toHaveLength(1);
    const layerDir = assetDir(layers[0]!.Properties!.Content.S3Key);
    const opt = mkdtempSync(join(tmpdir(), 'kezek-assembly-'));
    cpSync(layerDir, opt, { recursive: true });
    const handlers = allFunctions.map(([handler]) => handler);
    for (const handler of handlers) {
      const code = functionResource(handler).Properties.Code;
      cpSync(join(assetDir(code.S3Key), 'index.mjs'), join(opt, 'functions', handler, 'index.mjs'), { recursive: true });
    }
    writeFileSync(
      join(opt, 'mount.mjs'),
      `export async function resolve(specifier, context, next) {
  return next(specifier.startsWith(${JSON.stringify(`${lambdaLayerRoot}/`)}) ? ${JSON.stringify(opt)} + specifier.slice(${lambdaLayerRoot.length}) : specifier, context);
}
`,
    );
    writeFileSync(join(opt, 'register.mjs'), "import { register } from 'node:module';\nregister('./mount.mjs', import.meta.url);\n");
    const script = join(opt, 'functions', 'load-all.mjs');
    writeFileSync(
      script,
      `const failed = [];
for (const handler of ${JSON.stringify(handlers)}) {
  try { const m = await import('./' + handler + '/index.mjs'); if (typeof m.handler !== 'function') failed.push(handler + ': no handler'); }
  catch (error) { failed.push(handler + ': ' + error.message); }
}
process.stdout.write(JSON.stringify(failed));`,
    );
    try {
      // Act: with AWS_EXECUTION_ENV set, as in Lambda, the tracer and the X-Ray SDK load too
      const out = execFileSync(process.execPath, ['--import', join(opt, 'register.mjs'), script], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x', AWS_REGION: 'eu-central-1', POWERTOOLS_SERVICE_NAME: 'kezek', AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR' },
      });
      // Assess
      for (const specifier of Object.keys(vendorModules) as (keyof typeof vendorModules)[]) {
        expect(existsSync(vendorModulePath(specifier, opt)), specifier).toBe(true);
      }
      expect(JSON.parse(out)).toEqual([]);
      // Each bundle reaches Powertools by its path in the layer, and holds no copy of it
      for (const handler of handlers) {
        const text = readFileSync(join(opt, 'functions', handler, 'index.mjs'), 'utf8');
        expect(text, handler).toContain(JSON.stringify(vendorModulePath('@aws-lambda-powertools/logger')));
        expect(text, handler).not.toContain('POWERTOOLS_LOGGER_LOG_EVENT');
        // …and takes middy's `node:stream/web` from its shim (decision 69)
        expect(text, handler).not.toContain('"node:stream/web"');
      }
      // Our Kazakh texts as written (UTF-8, decision 51), not as `\uXXXX` escapes (esbuild's default)
      const bundle = readFileSync(join(opt, 'functions', 'staff-kindergartens', 'index.mjs'), 'utf8');
      expect(bundle).toContain('Жүйеге кіріңіз.');
      expect(bundle).not.toContain('\\u0416');
      // Every function's source map ships beside its bundle, mappings only, for `npm run stack` (decision 63)
      for (const handler of handlers) {
        const map = JSON.parse(readFileSync(join(assetDir(functionResource(handler).Properties.Code.S3Key), 'index.mjs.map'), 'utf8')) as { mappings: string; sourcesContent?: unknown };
        expect(map.mappings.length, handler).toBeGreaterThan(1000);
        expect(map.sourcesContent, handler).toBeUndefined();
      }
    } finally {
      rmSync(opt, { recursive: true, force: true });
    }
  });
});

describe('the outbox (decision 53)', () => {
  const queueArnImport = { 'Fn::ImportValue': 'kezek-test-delivery-queue-arn' };
  const queueOf = (queue: { node: { defaultChild?: unknown } }) => stacks.jobs.getLogicalId(queue.node.defaultChild as CfnElement);

  it('should have an encrypted TLS-only delivery queue that moves a message to its dead-letter queue after 5 receives', () => {
    // Act
    const queues = resourcesOf(templates.jobs, 'AWS::SQS::Queue');
    const deliveries = queues[queueOf(stacks.jobs.deliveryQueue)]!;
    // Assess
    expect(deliveries.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 180,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [queueOf(stacks.jobs.deliveryDeadLetterQueue), 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(queues[queueOf(stacks.jobs.deliveryDeadLetterQueue)]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    const outputs = templates.jobs.toJSON().Outputs as Record<string, { Export?: { Name: string } }>;
    expect(outputs.DeliveryQueueArn?.Export?.Name).toBe('kezek-test-delivery-queue-arn');
    expect(outputs.DeliveryQueueUrl?.Export?.Name).toBe('kezek-test-delivery-queue-url');
  });

  it('should alarm the operations topic on any dead letter and on a delivery waiting over 15 minutes', () => {
    // Act
    const alarms = Object.values(resourcesOf(templates.jobs, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties!);
    const operations = { Ref: stacks.jobs.getLogicalId(stacks.jobs.operationsTopic.node.defaultChild as CfnElement) };
    const deadLetters = alarms.find((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible');
    const age = alarms.find((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');
    // Assess
    expect(deadLetters).toMatchObject({
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueOf(stacks.jobs.deliveryDeadLetterQueue), 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [operations],
    });
    expect(age).toMatchObject({
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueOf(stacks.jobs.deliveryQueue), 'QueueName'] } }],
      Threshold: 900,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [operations],
    });
  });

  it('should alarm the operations topic when fewer than 80 % of the SMS sent to Kazakhstan are delivered, twice in 15 minutes', () => {
    // Act
    const alarms = Object.values(resourcesOf(templates.jobs, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties!);
    const operations = { Ref: stacks.jobs.getLogicalId(stacks.jobs.operationsTopic.node.defaultChild as CfnElement) };
    // Assess
    expect(alarms.find((a) => a.MetricName === 'SMSSuccessRate')).toMatchObject({
      Namespace: 'AWS/SNS',
      Dimensions: [
        { Name: 'Country', Value: 'KZ' },
        { Name: 'SMSType', Value: 'Transactional' },
      ],
      Statistic: 'Average',
      Period: 900,
      Threshold: 0.8,
      ComparisonOperator: 'LessThanThreshold',
      EvaluationPeriods: 2,
      TreatMissingData: 'notBreaching',
      AlarmActions: [operations],
    });
  });

  it('should run the sender with reserved concurrency 2 on the delivery queue, 10 a batch, failures reported per message, paced to 20 SMS a second', () => {
    // Act
    const sender = functionResource('sms-sender');
    const mappings = Object.values(resourcesOf(templates.api, 'AWS::Lambda::EventSourceMapping')).map((m) => m.Properties!);
    const senderId = stacks.api.getLogicalId(stacks.api.functions.get('sms-sender')!.node.defaultChild as CfnElement);
    // Assess
    expect(sender.Properties.ReservedConcurrentExecutions).toBe(2);
    expect(sender.Properties.Timeout).toBe(30);
    expect(sender.Properties.Environment.Variables).toMatchObject({ SMS_RATE_PER_SECOND: '20', SENDER_CONCURRENCY: '2', DELIVERY_MAX_RECEIVES: '5', DELIVERY_QUEUE_URL: { 'Fn::ImportValue': 'kezek-test-delivery-queue-url' } });
    expect(mappings.filter((m) => JSON.stringify(m.FunctionName) === JSON.stringify({ Ref: senderId }))).toEqual([
      { FunctionName: { Ref: senderId }, EventSourceArn: queueArnImport, BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 2 } },
    ]);
  });

  it('should let exactly the functions granted the queue send to it (the sender and the receipts: the second phone), and the sender alone consume it', () => {
    // Prepare
    const sqsActions = (handler: string) =>
      statementsOfRole(roleLogicalId(stacks.api.functions.get(handler)!.role!))
        .filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')) && JSON.stringify(statement.Resource) === JSON.stringify(queueArnImport))
        .flatMap(actionsOf)
        .sort();
    // Act
    const senders = allFunctions.filter(([handler]) => sqsActions(handler).includes('sqs:SendMessage')).map(([handler]) => handler).sort();
    // Assess
    expect(senders).toEqual(['job-campaign-close', 'job-campaign-reminder', 'job-campaign-start', 'job-notice-sms', 'job-outbox-sweep', 'sms-receipts', 'sms-sender']);
    for (const handler of senders.filter((h) => h !== 'sms-sender')) expect(sqsActions(handler)).toEqual(['sqs:SendMessage']);
    expect(sqsActions('sms-sender')).toEqual(['sqs:ChangeMessageVisibility', 'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage', 'sqs:SendMessage']);
    expect(allFunctions.filter(([handler]) => handler !== 'sms-sender' && sqsActions(handler).some((a) => a !== 'sqs:SendMessage'))).toEqual([]);
  });

  it('should log every SMS delivery status with a role SNS of this account assumes, and subscribe the receipt recorder to both log groups', () => {
    // Act
    const custom = Object.values(resourcesOf(templates.api, 'Custom::AWS'));
    const logGroups = Object.entries(resourcesOf(templates.api, 'AWS::Logs::LogGroup')).filter(([, g]) => JSON.stringify(g.Properties?.LogGroupName ?? '').includes('DirectPublishToPhoneNumber'));
    const filters = Object.values(resourcesOf(templates.api, 'AWS::Logs::SubscriptionFilter')).map((f) => f.Properties!);
    const receiptsArn = { 'Fn::GetAtt': [stacks.api.getLogicalId(stacks.api.functions.get('sms-receipts')!.node.defaultChild as CfnElement), 'Arn'] };
    const roles = Object.values(resourcesOf(templates.api, 'AWS::IAM::Role')).filter((r) => JSON.stringify(r.Properties?.AssumeRolePolicyDocument).includes('sns.amazonaws.com'));
    // Assess
    expect(custom).toHaveLength(1);
    const call = JSON.stringify(custom[0]!.Properties?.Update).replace(/\\"/g, '"');
    expect(call).toContain('"action":"setSMSAttributes"');
    expect(call).toContain('"DeliveryStatusSuccessSamplingRate":"100"');
    expect(call).toContain('SmsDeliveryStatusRole');
    expect(logGroups.map(([, g]) => JSON.stringify(g.Properties!.LogGroupName)).sort()).toEqual([
      JSON.stringify({ 'Fn::Join': ['', ['sns/eu-central-1/', { Ref: 'AWS::AccountId' }, '/DirectPublishToPhoneNumber']] }),
      JSON.stringify({ 'Fn::Join': ['', ['sns/eu-central-1/', { Ref: 'AWS::AccountId' }, '/DirectPublishToPhoneNumber/Failure']] }),
    ]);
    expect(filters).toHaveLength(2);
    for (const filter of filters) expect(filter).toMatchObject({ DestinationArn: receiptsArn, FilterPattern: '' });
    expect(roles).toHaveLength(1);
    expect(roles[0]!.Properties?.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'sns.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } },
    ]);
  });

  it("should let the receipt recorder only read and update notices, read accounts, enqueue the second phone's delivery, and send no SMS", () => {
    // Act
    const statements = statementsOfRole(roleLogicalId(stacks.api.functions.get('sms-receipts')!.role!));
    // Assess
    expect(statements.flatMap(actionsOf).filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:')).sort()).toEqual(
      [
        // notifications: read and write
        'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem',
        // accounts: read
        'dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query',
        'sqs:SendMessage',
      ].sort(),
    );
  });

  it("should sweep the outbox every 15 minutes through the jobs' group, role, retries and dead-letter queue", () => {
    // Act
    const schedules = Object.values(resourcesOf(templates.api, 'AWS::Scheduler::Schedule')).map((r) => r.Properties!);
    const sweeperArn = { 'Fn::GetAtt': [stacks.api.getLogicalId(stacks.api.jobFunctions.get('outbox-sweep')!.node.defaultChild as CfnElement), 'Arn'] };
    const roleArn = { 'Fn::GetAtt': [stacks.api.getLogicalId(stacks.api.schedulerRole.node.defaultChild as CfnElement), 'Arn'] };
    // Assess
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({
      ScheduleExpression: 'rate(15 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: sweeperArn, RoleArn: roleArn, Input: '{"kind":"outbox-sweep"}', RetryPolicy: { MaximumRetryAttempts: 2 } },
    });
    expect(schedules[0]!.GroupName).toEqual({ 'Fn::ImportValue': 'kezek-test-schedule-group-name' });
    expect(schedules[0]!.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::ImportValue': 'kezek-test-scheduler-dlq-arn' } });
  });
});

describe('the aggregation off the request path (decision 54)', () => {
  const aggregatorId = () => stacks.api.getLogicalId(stacks.api.functions.get('answer-aggregator')!.node.defaultChild as CfnElement);

  it('should stream the answers table with both images and export the stream under a stage-scoped name', () => {
    // Act
    const answers = Object.values(resourcesOf(templates.data, 'AWS::DynamoDB::GlobalTable')).find((t) => t.Properties?.KeySchema?.[1]?.AttributeName === 'applicantIin');
    const outputs = templates.data.toJSON().Outputs as Record<string, { Export?: { Name: string } }>;
    const streamed = Object.values(resourcesOf(templates.data, 'AWS::DynamoDB::GlobalTable')).filter((t) => t.Properties?.StreamSpecification);
    // Assess
    expect(answers?.Properties?.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(streamed).toHaveLength(1);
    expect(outputs.AnswersTableStreamArn?.Export?.Name).toBe('kezek-test-answers-table-stream-arn');
  });

  it('should feed the aggregator from the stream in batches of 100, answer items only, bisecting, reporting item failures, to a dead-letter queue', () => {
    // Act
    const mappings = Object.values(resourcesOf(templates.api, 'AWS::Lambda::EventSourceMapping')).map((m) => m.Properties!).filter((m) => JSON.stringify(m.FunctionName) === JSON.stringify({ Ref: aggregatorId() }));
    const queues = resourcesOf(templates.api, 'AWS::SQS::Queue');
    const [dlqId, dlq] = Object.entries(queues).find(([id]) => id.startsWith('AggregationDeadLetterQueue'))!;
    // Assess
    expect(mappings).toEqual([
      {
        FunctionName: { Ref: aggregatorId() },
        EventSourceArn: { 'Fn::ImportValue': 'kezek-test-answers-table-stream-arn' },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 100,
        MaximumBatchingWindowInSeconds: 1,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        MaximumRecordAgeInSeconds: 21_600,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } },
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { applicantIin: { S: [{ exists: true }] } } } }) }] },
      },
    ]);
    expect(dlq.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
  });

  it('should alarm the operations topic on any dead letter of the aggregation and on an iterator age over 5 minutes', () => {
    // Act
    const alarms = Object.values(resourcesOf(templates.api, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties!);
    const operations = { 'Fn::ImportValue': 'kezek-test-operations-topic-arn' };
    // Assess
    expect(alarms.find((a) => a.AlarmName === 'kezek-test-aggregation-dead-letters')).toMatchObject({ Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, AlarmActions: [operations] });
    expect(alarms.find((a) => a.AlarmName === 'kezek-test-aggregation-iterator-age')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: aggregatorId() } }],
      Threshold: 300_000,
      AlarmActions: [operations],
    });
  });

  it('should let the aggregator write only the aggregates and the campaign counters, and send only to its dead-letter queue', () => {
    // Act
    const statements = statementsOfRole(roleLogicalId(stacks.api.functions.get('answer-aggregator')!.role!));
    const sqs = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('sqs:')));
    // Assess
    expect(sqs).toHaveLength(1);
    expect(JSON.stringify(sqs[0]!.Resource)).toContain('AggregationDeadLetterQueue');
    expect(actionsOf(sqs[0]!).sort()).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage']);
  });
});
