import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable, ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal, type AddToPrincipalPolicyResult, type IRole, type RoleProps } from 'aws-cdk-lib/aws-iam';
import { Architecture, ParamsAndSecretsLayerVersion, ParamsAndSecretsLogLevel, ParamsAndSecretsVersions, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { jobTargetEnvVar } from '#adapters/scheduler/job-target';
import type { TableDefinition } from '#functions/tables';
import type { TableAccess } from '#http/routes';
import type { JobKind } from '#ports/scheduler';
import { nagResourceName } from './nag.ts';
import { functionBuildOptions, functionSourceMap, vendorLayer } from './vendor-layer.ts';

/** The repository root: `lib/` lives directly below it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


/**
 * A role whose grants are one inline policy of the role itself, not an `AWS::IAM::Policy` beside
 * it. The permissions are the same; the API stack saves a resource per function, which keeps it
 * under CloudFormation's 500 resources per stack (CDK refuses to synthesize more, and the
 * infrastructure tests synthesize: `test/infra/kezek.test.ts` counts the headroom). Every grant,
 * CDK's own (log group, X-Ray, event sources) included, arrives through `addToPrincipalPolicy`.
 */
export class InlinePolicyRole extends Role {
  private readonly inlineGrants: PolicyDocument;

  constructor(scope: Construct, id: string, props: Omit<RoleProps, 'inlinePolicies'>) {
    // Rendered at synthesis: statements added after the role exists are in it.
    const grants = new PolicyDocument();
    super(scope, id, { ...props, inlinePolicies: { grants } });
    this.inlineGrants = grants;
  }

  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.inlineGrants.addStatements(statement);
    // Whatever must wait for the grant (a function, an event source mapping) waits for the role.
    return { statementAdded: true, policyDependable: this };
  }
}

/** What `read` allows on a table: no Scan (our request paths never scan), no DescribeTable, no streams. */
export const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'] as const;
/** What `readWrite` adds: single-item writes (also inside transactions); deletes and batch writes are granted separately. */
export const tableWriteActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

/** What a function needs to create one-time schedules for the jobs of `functions/jobs/jobs.ts`. */
/** What a function granted `mail` is bound to (`ApiStack`, with a mail domain only). */
export interface MailBinding {
  readonly identityArn: string;
  readonly configurationSetArn: string;
  readonly configurationSetName: string;
  readonly fromAddress: string;
}

export const mailConfigurationSetName = (stage: string) => `kezek-${stage}-mail`;

/**
 * What a function granted `mail` is bound to, as ARNs built from names (the identity is its
 * domain, the configuration set's name is fixed), so the API stack needs no reference to this one.
 */
export function mailBinding(scope: Construct, stage: string, mailDomain: string): MailBinding {
  const stack = Stack.of(scope);
  return {
    identityArn: stack.formatArn({ service: 'ses', resource: 'identity', resourceName: mailDomain }),
    configurationSetArn: stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: mailConfigurationSetName(stage) }),
    configurationSetName: mailConfigurationSetName(stage),
    fromAddress: `kezek <no-reply@${mailDomain}>`,
  };
}

export interface SchedulerBinding {
  /** Name of the schedule group the schedules are created in. */
  readonly scheduleGroupName: string;
  /** The role EventBridge Scheduler assumes to invoke the job functions. */
  readonly role: IRole;
  /** Where Scheduler sends a task it could not deliver. */
  readonly deadLetterQueueArn: string;
  /** The target function's ARN of every job kind. */
  readonly targets: Readonly<Record<JobKind, string>>;
}

/**
 * The environment every function starts with (a function's bindings add to it). No
 * `--enable-source-maps`: Node would read and parse the function's map at every start, for stacks
 * that `npm run stack` decodes from the shipped map instead (DECISIONS.md 63). `xraySdk` loads
 * the X-Ray SDK in the function for a subsegment per AWS call (DECISIONS.md 62); off, Lambda's
 * active tracing still records each invocation. The benchmarks time the imports with the same.
 */
export function functionEnvironment(options: { readonly xraySdk: boolean }): Record<string, string> {
  return {
    POWERTOOLS_SERVICE_NAME: 'kezek',
    POWERTOOLS_TRACE_ENABLED: String(options.xraySdk),
    COOKIE_SECURE: 'true',
    NOTIFIER: 'sns',
  };
}

export interface AppFunctionProps extends Omit<NodejsFunctionProps, 'entry' | 'paramsAndSecrets'> {
  /** Handler name: the file `functions/handlers/<handlerName>.ts`, exporting `handler`. */
  readonly handlerName: string;
  /** The X-Ray SDK inside the function (`functionEnvironment`); off unless the deployment asks. */
  readonly xraySdk?: boolean;
  /** Adds the AWS Parameters and Secrets extension (for `bindOriginSecret`). */
  readonly secretsExtension?: boolean;
}

/**
 * A Lambda function with kezek's defaults: Node 22 on ARM64, ESM bundle with its source map beside it,
 * X-Ray active tracing (the X-Ray SDK inside only with `xraySdk`), a log group with retention. Tables and SMS are attached with `bind*` so that
 * an environment variable and its grant are always added together.
 */
export class AppFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    const { handlerName, environment, bundling, secretsExtension, xraySdk, ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: RetentionDays.ONE_YEAR,
      // Logs are operational data, not a record to keep after the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of the AWSLambdaBasicExecutionRole managed policy: it may write to
    // its own log group only, not create or write to any log group in the account.
    const role = new InlinePolicyRole(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the kezek ${handlerName} function`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      role,
      entry: path.join(repoRoot, 'functions', 'handlers', `${handlerName}.ts`),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      ...rest,
      // Ours first, the caller's on top: a caller may add variables, never silently lose ours.
      environment: { ...functionEnvironment({ xraySdk: xraySdk ?? false }), ...environment },
      bundling: {
        // The values of `functionBuildOptions`, in NodejsFunction's words.
        format: OutputFormat.ESM,
        mainFields: [...functionBuildOptions.mainFields],
        banner: functionBuildOptions.banner.js,
        sourceMap: functionSourceMap.sourcemap,
        sourcesContent: functionSourceMap.sourcesContent,
        minify: functionBuildOptions.minify,
        target: functionBuildOptions.target,
        externalModules: [...functionBuildOptions.external],
        // As an argument: aws-cdk-lib 2.276 declares a `charset` option but never hands it to
        // esbuild (its bundles stayed ASCII); test/infra checks the synthesized bundles' text.
        esbuildArgs: {
          '--charset': functionBuildOptions.charset,
          // The vendor modules by their path in the layer (decision 68); NodejsFunction has no `alias` option.
          ...Object.fromEntries(Object.entries(functionBuildOptions.alias).map(([specifier, target]) => [`--alias:${specifier}`, target])),
        },
        ...bundling,
      },
      layers: [vendorLayer(scope), ...(rest.layers ?? [])],
      ...(secretsExtension && {
        paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
          secretsManagerTtl: Duration.minutes(5),
          logLevel: ParamsAndSecretsLogLevel.WARN,
        }),
      }),
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime kezek is built and tested for (the local runtime and CI run the same ' +
        'major); moving to a newer runtime is a deliberate upgrade, not a side effect of a CDK update.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords on "*" (they have no ' +
        'resource ARN). test/infra checks that "*" appears with no other action.',
    });
  }

  /**
   * Passes the table's physical name in `definition.envVar` and grants exactly `access`: `read` is
   * GetItem, BatchGetItem, Query and ConditionCheckItem (never Scan, DescribeTable or the stream
   * actions that CDK's `grantReadData` adds); `readWrite` adds PutItem and UpdateItem; DeleteItem
   * and BatchWriteItem only where `writes` names them. Queries may use the table's indexes.
   * `write` is PutItem alone, and an append-only table (the audit trail) never gets more than
   * PutItem to write with: its items are never updated or deleted.
   */
  bindTable(
    definition: TableDefinition,
    table: ITableV2 | ITable,
    access: TableAccess,
    writes: { readonly delete?: boolean; readonly batchWrite?: boolean } = {},
  ): this {
    this.addEnvironment(definition.envVar, table.tableName);
    const indexes = `${table.tableArn}/index/*`;
    if (access !== 'write') {
      this.addToRolePolicy(
        new PolicyStatement({ actions: [...tableReadActions], resources: definition.indexes.length > 0 ? [table.tableArn, indexes] : [table.tableArn] }),
      );
    }
    if (access === 'write' || (access === 'readWrite' && definition.appendOnly)) {
      if (writes.delete || writes.batchWrite) throw new Error(`${definition.name}: append-only, no delete or batch write`);
      this.addToRolePolicy(new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [table.tableArn] }));
    } else if (access === 'readWrite') {
      const actions = [...tableWriteActions, ...(writes.delete ? ['dynamodb:DeleteItem'] : []), ...(writes.batchWrite ? ['dynamodb:BatchWriteItem'] : [])];
      this.addToRolePolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
    } else if (writes.delete || writes.batchWrite) {
      throw new Error(`${definition.name}: a delete or batch write needs readWrite access`);
    }
    if (definition.indexes.length > 0) {
      Validations.of(this.role ?? this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceName(Stack.of(this).resolve(indexes))}]`,
        reason:
          `Queries on the global secondary indexes of ${definition.name} ` +
          `(${definition.indexes.map((index) => index.indexName).join(', ')}) need <table ARN>/index/*; ` +
          'the grant stays on this one table and on read actions.',
      });
    }
    return this;
  }

  /**
   * The exports bucket: its name in `EXPORTS_BUCKET`; `read` may sign download links (a presigned
   * GET needs s3:GetObject), `readWrite` also writes files; only under `exports/`.
   */
  bindFiles(bucket: IBucket, access: 'read' | 'readWrite'): this {
    this.addEnvironment('EXPORTS_BUCKET', bucket.bucketName);
    const files = bucket.arnForObjects('exports/*');
    this.addToRolePolicy(new PolicyStatement({ actions: access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'], resources: [files] }));
    Validations.of(this.role ?? this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceName(Stack.of(this).resolve(files))}]`,
      reason: 'Export files are named per export at run time (exports/<tenant>/<export id>/<file>); the grant stays under exports/ of the one bucket.',
    });
    return this;
  }

  /**
   * Allows sending SMS through SNS direct publish. A phone number has no ARN, so the grant cannot
   * name a resource; `NotResource` on every SNS ARN makes it "anything but a topic, an endpoint or
   * an application", i.e. phone numbers only. (A Deny on topic ARNs would also block the
   * announcements topic of the one job that both texts and announces.)
   */
  bindSms(): this {
    this.addToRolePolicy(
      new PolicyStatement({ actions: ['sns:Publish'], notResources: [`arn:${Stack.of(this).partition}:sns:*:*:*`] }),
    );
    return this;
  }

  /**
   * The outbox's delivery queue (decision 53): its URL in `DELIVERY_QUEUE_URL`; `enqueue` may send
   * to it, `consume` (the sender) may change a received message's visibility (its backoff); the
   * event source mapping adds receive and delete for the sender.
   */
  bindDeliveryQueue(queue: { readonly arn: string; readonly url: string }, access: 'enqueue' | 'consume'): this {
    this.addEnvironment('DELIVERY_QUEUE_URL', queue.url);
    this.addToRolePolicy(new PolicyStatement({ actions: access === 'enqueue' ? ['sqs:SendMessage'] : ['sqs:ChangeMessageVisibility', 'sqs:SendMessage'], resources: [queue.arn] }));
    return this;
  }

  /**
   * Sending e-mail through SES v2 (decision 59): `ses:SendEmail` on the domain identity and the
   * configuration set only (SES authorizes a send against both), and the from address and the
   * configuration set's name in `MAIL_FROM_ADDRESS` / `MAIL_CONFIGURATION_SET`.
   */
  bindMail(mail: MailBinding): this {
    this.addEnvironment('MAIL_FROM_ADDRESS', mail.fromAddress);
    this.addEnvironment('MAIL_CONFIGURATION_SET', mail.configurationSetName);
    this.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: [mail.identityArn, mail.configurationSetArn] }));
    return this;
  }

  /** Publishing on the announcements topic (public campaign announcements): env var and grant. */
  bindAnnouncements(topicArn: string): this {
    this.addEnvironment('ANNOUNCEMENTS_TOPIC_ARN', topicArn);
    this.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [topicArn] }));
    return this;
  }

  /**
   * The origin secret CloudFront sends (`functions/http/client-address.ts`): its name in
   * `ORIGIN_SECRET_ID`, read access to this one secret, and the AWS Parameters and Secrets
   * extension, which reads it with the function's role and caches it for the same 5 minutes as
   * the function does, so a rotation reaches warm functions without a redeploy.
   */
  bindOriginSecret(secret: ISecret, secretName: string): this {
    this.addEnvironment('ORIGIN_SECRET_ID', secretName);
    this.addToRolePolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
    return this;
  }

  /**
   * Lets the function create one-time schedules in the group (never update or delete them, never
   * in another group), pass the scheduler role to Scheduler only and invoke the job functions of
   * `enqueues` (no other); the environment carries the
   * group, role, DLQ and every job kind's target ARN that `EventBridgeScheduler` reads.
   */
  bindScheduler(scheduler: SchedulerBinding, enqueues: readonly JobKind[] = []): this {
    this.addEnvironment('SCHEDULE_GROUP_NAME', scheduler.scheduleGroupName);
    this.addEnvironment('SCHEDULER_ROLE_ARN', scheduler.role.roleArn);
    this.addEnvironment('SCHEDULER_DLQ_ARN', scheduler.deadLetterQueueArn);
    for (const [kind, arn] of Object.entries(scheduler.targets) as [JobKind, string][]) {
      this.addEnvironment(jobTargetEnvVar(kind), arn);
    }
    const stack = Stack.of(this);
    const schedulesOfGroup = stack.formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${scheduler.scheduleGroupName}/*`,
    });
    this.addToRolePolicy(new PolicyStatement({ actions: ['scheduler:CreateSchedule'], resources: [schedulesOfGroup] }));
    // `enqueue`: work that outgrows a request runs as an asynchronous call of a job function; only
    // of the jobs this function starts (a schedule's target is invoked by the scheduler role).
    if (enqueues.length > 0) {
      this.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [...new Set(enqueues)].map((kind) => scheduler.targets[kind]) }));
    }
    this.addToRolePolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [scheduler.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    Validations.of(this.role ?? this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceName(stack.resolve(schedulesOfGroup))}]`,
      reason:
        'Schedule names are made per job at run time (e.g. referral-expiry-<applicationId>-<epoch>), so ' +
        'scheduler:CreateSchedule needs schedule/<group>/*; it stays inside the one schedule group and ' +
        'grants no update, delete or read.',
    });
    return this;
  }
}
