import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, ResourceNotFoundException, UpdateTableCommand, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
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
      // A data directory from before decision 70 has TTL on: off, as on a new table.
      if ('ttlAttribute' in definition) {
        const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
        if (TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED') {
          await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: false } }));
        }
      }
      continue;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    // No TTL here, though the CDK turns it on in AWS (decision 70): DynamoDB Local deletes an item
    // within seconds of its TTL by this machine's clock, while the local runtime runs on a dev clock
    // that tests and demos set months back, so it deleted sessions the application held live (a
    // staff call answered 401 in a loaded CI run). In AWS the two clocks are one, and TTL deletes
    // at some point within about two days after expiry: the code never relies on it (every read
    // checks `expiresAt`; rate-limit windows are keyed by their start).
    await client.send(new CreateTableCommand(createTableInput(definition, tableName)));
    created.push(tableName);
  }
  return created;
}
