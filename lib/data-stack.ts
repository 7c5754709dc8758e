import { CfnOutput, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
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
    }
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
    });
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
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryptionV2.awsManagedKey(),
      // Applications of citizens: a stack deletion must never take the data with it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
