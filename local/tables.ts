import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTableCommand, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tables, type TableKey } from '#functions/tables';
import { createTableInput } from '#adapters/dynamodb/table-input';

/** Local physical table names: `kezek-<Name>`. */
export function localTableNames(prefix = 'kezek'): Record<TableKey, string> {
  return Object.fromEntries(Object.entries(tables).map(([key, def]) => [key, `${prefix}-${def.name}`])) as Record<TableKey, string>;
}

/**
 * A data directory from before an index was added keeps its tables: add the index, as a
 * CloudFormation update does in AWS (DynamoDB fills it from the items already there).
 */
async function addMissingIndexes(client: DynamoDBClient, definition: (typeof tables)[TableKey], tableName: string, existing: ReadonlySet<string | undefined>): Promise<void> {
  const input = createTableInput(definition, tableName);
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    if (existing.has(index.IndexName)) continue;
    await client.send(
      new UpdateTableCommand({ TableName: tableName, AttributeDefinitions: input.AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: index }] }),
    );
    // Queries wait for the index to be filled from the existing items.
    for (let attempt = 0; attempt < 300; attempt++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === index.IndexName)?.IndexStatus === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Creates every table of `functions/tables.ts` that does not exist yet (and indexes added since); returns the names of the tables it created. */
export async function ensureTables(client: DynamoDBClient, names: Record<TableKey, string>): Promise<string[]> {
  const created: string[] = [];
  for (const [key, definition] of Object.entries(tables) as [TableKey, (typeof tables)[TableKey]][]) {
    const tableName = names[key];
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      await addMissingIndexes(client, definition, tableName, new Set(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)));
      // A data directory from before the table had its stream: switch it on (its consumer starts from there).
      if ('stream' in definition && !Table?.StreamSpecification?.StreamEnabled) {
        await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: definition.stream } }));
      }
      continue;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    await client.send(new CreateTableCommand(createTableInput(definition, tableName)));
    if ('ttlAttribute' in definition) {
      await client.send(
        new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true } }),
      );
    }
    created.push(tableName);
  }
  return created;
}
