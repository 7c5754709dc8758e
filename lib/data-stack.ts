import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { Schedule } from 'aws-cdk-lib/aws-events';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
  type Attribute,
  type ITableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { cloudTableKeys, cloudTableList, tables as tableDefinitions, type CloudTableKey, type KeyAttribute, type TableDefinition } from '#functions/tables';

export interface DataStackProps extends StackProps {
  readonly stage: string;
}

const attributeTypes = { S: AttributeType.STRING, N: AttributeType.NUMBER } as const;

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: attributeTypes[key.type] };
}

/** The DynamoDB tables, one per entry of `cloudTableList`, shaped by `functions/tables.ts` alone. */
export class DataStack extends Stack {
  /** The tables by the key the route table's grants use. */
  readonly tables: Readonly<Record<CloudTableKey, TableV2>>;
  /** CSV exports for staff: private, TLS only, gone after a week (as their records in the Exports table). */
  readonly exportsBucket: Bucket;
  private readonly stage: string;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    const byName = new Map(cloudTableList.map((definition) => [definition.name, this.createTable(definition)]));
    const entries = cloudTableKeys.map((key) => {
      const table = byName.get(tableDefinitions[key].name);
      if (!table) throw new Error(`table ${key} is missing from cloudTableList`);
      return [key, table] as const;
    });
    this.tables = Object.fromEntries(entries) as Record<CloudTableKey, TableV2>;
    for (const [key, table] of entries) {
      new CfnOutput(this, `${tableDefinitions[key].name}TableArn`, { value: table.tableArn, exportName: this.arnExportName(key) });
      if ('stream' in tableDefinitions[key]) {
        new CfnOutput(this, `${tableDefinitions[key].name}TableStreamArn`, { value: table.tableStreamArn!, exportName: this.streamArnExportName(key) });
      }
    }

    const accessLogs = new Bucket(this, 'ExportsAccessLogBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the exports bucket; logging its own access would log forever.',
    });
    this.exportsBucket = new Bucket(this, 'ExportsBucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // Who downloaded which export: the files hold a department's survey answers.
      serverAccessLogsBucket: accessLogs,
      lifecycleRules: [{ expiration: Duration.days(7) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnOutput(this, 'ExportsBucketArn', { value: this.exportsBucket.bucketArn, exportName: this.exportsBucketExportName() });
    this.backUp(entries.map(([, table]) => table));
  }

  /**
   * AWS Backup beside point-in-time recovery: PITR goes back 35 days at most and lives and dies
   * with the table; a vault keeps monthly copies for a year, out of reach of a table deletion.
   * The README's restore runbook uses both.
   */
  private backUp(tables: readonly TableV2[]): void {
    const vault = new BackupVault(this, 'BackupVault', { removalPolicy: RemovalPolicy.RETAIN });
    const plan = new BackupPlan(this, 'BackupPlan', { backupVault: vault });
    // 19:00 UTC is midnight in Kazakhstan (UTC+5): after the day's campaign traffic.
    plan.addRule(
      new BackupPlanRule({ ruleName: 'Daily', scheduleExpression: Schedule.cron({ hour: '19', minute: '0' }), deleteAfter: Duration.days(35) }),
    );
    plan.addRule(
      new BackupPlanRule({
        ruleName: 'Monthly',
        scheduleExpression: Schedule.cron({ day: '1', hour: '19', minute: '0' }),
        deleteAfter: Duration.days(365),
      }),
    );
    const selection = plan.addSelection('Tables', { resources: tables.map((table) => BackupResource.fromArn(table.tableArn)) });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        "AWS Backup's own service role policy for taking backups: AWS keeps it in step with the services Backup supports, and the selection narrows what this role is used on to the stage's tables.",
    });
  }

  /** The exports bucket seen from another stack through its named export. */
  importExportsBucket(scope: Construct): IBucket {
    Stack.of(scope).addStackDependency(this, 'imports the exports bucket of the data stack');
    return Bucket.fromBucketArn(scope, 'ExportsBucket', Fn.importValue(this.exportsBucketExportName()));
  }

  private exportsBucketExportName(): string {
    return `kezek-${this.stage}-exports-bucket-arn`;
  }

  /**
   * The table `key` seen from another stack through named exports. Named (not CDK-generated)
   * exports keep the cross-stack contract readable and give IAM findings a stable resource name.
   */
  importTable(scope: Construct, key: CloudTableKey): ITableV2 {
    const consumer = Stack.of(scope);
    consumer.addStackDependency(this, 'imports the table exports of the data stack');
    const definition = tableDefinitions[key];
    // The table name is taken from the ARN by CloudFormation (Fn::Split), one export per table.
    return TableV2.fromTableAttributes(scope, `${definition.name}Table`, {
      tableArn: Fn.importValue(this.arnExportName(key)),
      globalIndexes: definition.indexes.map((index) => index.indexName),
      // A table with a stream (the answers, decision 54) brings its stream's ARN for its consumer's event source.
      ...('stream' in definition && { tableStreamArn: Fn.importValue(this.streamArnExportName(key)) }),
    });
  }

  private streamArnExportName(key: CloudTableKey): string {
    return `kezek-${this.stage}-${key}-table-stream-arn`;
  }

  private arnExportName(key: CloudTableKey): string {
    return `kezek-${this.stage}-${key}-table-arn`;
  }

  private createTable(definition: TableDefinition): TableV2 {
    return new TableV2(this, definition.name, {
      partitionKey: attribute(definition.partitionKey),
      sortKey: definition.sortKey ? attribute(definition.sortKey) : undefined,
      globalSecondaryIndexes: definition.indexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey ? attribute(index.sortKey) : undefined,
        projectionType: index.projection === 'ALL' ? ProjectionType.ALL : ProjectionType.KEYS_ONLY,
      })),
      timeToLiveAttribute: definition.ttlAttribute,
      ...(definition.stream && { dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES }),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.awsManagedKey(),
      // Applications of citizens: a stack deletion must never take the data with it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
