import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tables, type TableKey } from '#functions/tables';
import { createTableInput } from '#adapters/dynamodb/table-input';

/** Local physical table names: `kezek-<Name>`. */
export function localTableNames(prefix = 'kezek'): Record<TableKey, string> {
  return Object.fromEntries(Object.entries(tables).map(([key, def]) => [key, `${prefix}-${def.name}`])) as Record<TableKey, string>;
}

/** Creates every table of `functions/tables.ts` that does not exist yet; returns the names it created. */
export async function ensureTables(client: DynamoDBClient, names: Record<TableKey, string>): Promise<string[]> {
  const created: string[] = [];
  for (const [key, definition] of Object.entries(tables) as [TableKey, (typeof tables)[TableKey]][]) {
    const tableName = names[key];
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
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
