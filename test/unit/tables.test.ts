import { describe, expect, it } from 'vitest';
import { tableList } from '#functions/tables';
import { createTableInput } from '#adapters/dynamodb/table-input';

describe('table definitions', () => {
  it('should derive a CreateTable input with every key attribute defined exactly once', () => {
    for (const definition of tableList) {
      // Act
      const input = createTableInput(definition, `kezek-${definition.name}`);
      // Assess
      const keyNames = [definition.partitionKey, definition.sortKey, ...definition.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]
        .filter((k) => k !== undefined)
        .map((k) => k.name);
      expect(input.AttributeDefinitions?.map((a) => a.AttributeName).sort()).toEqual([...new Set(keyNames)].sort());
      expect(input.KeySchema?.[0]).toEqual({ AttributeName: definition.partitionKey.name, KeyType: 'HASH' });
      expect(input.GlobalSecondaryIndexes?.map((i) => i.IndexName) ?? []).toEqual(definition.indexes.map((i) => i.indexName));
      expect(input.BillingMode).toBe('PAY_PER_REQUEST');
    }
  });

  it('should give every table a distinct name and env var', () => {
    expect(new Set(tableList.map((t) => t.name)).size).toBe(tableList.length);
    expect(new Set(tableList.map((t) => t.envVar)).size).toBe(tableList.length);
  });
});
