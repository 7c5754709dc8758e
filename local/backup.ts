import { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import {
  BatchWriteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  ScanCommand,
  waitUntilTableNotExists,
  type AttributeValue,
  type DynamoDBClient,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { tables, type TableDefinition, type TableKey } from '#functions/tables';

/**
 * Backup and restore of kezek's tables in the format DynamoDB's own export to S3 writes
 * (`DYNAMODB_JSON`: gzip files of lines `{"Item": {...}}`), so a local backup and an AWS export can
 * be read by the same tools, and `ImportTable` can load a local backup into a new AWS table.
 *
 * This is an operator's tool (it scans whole tables); no request path uses it.
 */

/** BatchWriteItem takes at most 25 requests (DynamoDB's limit). */
const batchWriteLimit = 25;
/** Items per data file, so no single file grows without bound. */
const itemsPerFile = 10_000;

export interface BackupManifest {
  readonly format: 'DYNAMODB_JSON';
  readonly exportedAt: string;
  readonly tables: Readonly<Partial<Record<TableKey, { readonly tableName: string; readonly itemCount: number; readonly files: readonly string[] }>>>;
}

async function* scanAll(client: DynamoDBClient, tableName: string): AsyncGenerator<Record<string, AttributeValue>> {
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    yield* page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

async function writeLines(path: string, lines: readonly string[]): Promise<void> {
  await pipeline(Readable.from(lines.map((line) => `${line}\n`)), createGzip(), createWriteStream(path));
}

/** Writes every item of each table under `dir/<table key>/data/*.json.gz` and a manifest; the counts per table. */
export async function exportTables(
  client: DynamoDBClient,
  names: Readonly<Record<TableKey, string>>,
  dir: string,
  now: Date,
  only: readonly TableKey[] = Object.keys(tables) as TableKey[],
): Promise<BackupManifest> {
  const manifestTables: Record<string, BackupManifest['tables'][TableKey]> = {};
  for (const key of only) {
    const dataDir = join(dir, key, 'data');
    mkdirSync(dataDir, { recursive: true });
    const files: string[] = [];
    let itemCount = 0;
    let lines: string[] = [];
    const flush = async () => {
      const file = `${String(files.length).padStart(5, '0')}.json.gz`;
      await writeLines(join(dataDir, file), lines);
      files.push(join(key, 'data', file));
      lines = [];
    };
    for await (const item of scanAll(client, names[key])) {
      lines.push(JSON.stringify({ Item: item }));
      itemCount++;
      if (lines.length === itemsPerFile) await flush();
    }
    if (lines.length > 0 || files.length === 0) await flush();
    manifestTables[key] = { tableName: names[key], itemCount, files };
  }
  const manifest: BackupManifest = { format: 'DYNAMODB_JSON', exportedAt: now.toISOString(), tables: manifestTables };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function* readItems(path: string): AsyncGenerator<Record<string, AttributeValue>> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const parsed = JSON.parse(line) as { Item?: Record<string, AttributeValue> };
    if (!parsed.Item) throw new Error(`${path}: a line without "Item"`);
    yield parsed.Item;
  }
}

async function writeBatch(client: DynamoDBClient, tableName: string, items: readonly Record<string, AttributeValue>[]): Promise<void> {
  await writeRequests(client, tableName, items.map((item) => ({ PutRequest: { Item: item } })));
}

async function writeRequests(client: DynamoDBClient, tableName: string, all: readonly WriteRequest[]): Promise<void> {
  let requests = [...all];
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt * 50, 2_000)));
    if (attempt > 12) throw new Error(`${tableName}: ${requests.length} items still unprocessed after retries`);
    const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
    requests = result.UnprocessedItems?.[tableName] ?? [];
  }
}

/** Whether a table already holds an item (a restore goes into empty tables unless told to replace). */
async function hasItems(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const page = await client.send(new ScanCommand({ TableName: tableName, Limit: 1 }));
  return (page.Items?.length ?? 0) > 0;
}

function keyOf(key: TableKey, item: Record<string, AttributeValue>): string {
  const definition: TableDefinition = tables[key];
  const names = [definition.partitionKey.name, ...(definition.sortKey ? [definition.sortKey.name] : [])];
  return JSON.stringify(names.map((name) => item[name]));
}

/** Deletes the items of a live table that the backup does not hold (`replace` mode). */
async function deleteItemsMissingFrom(client: DynamoDBClient, key: TableKey, tableName: string, kept: ReadonlySet<string>): Promise<number> {
  const definition: TableDefinition = tables[key];
  const keyNames = [definition.partitionKey.name, ...(definition.sortKey ? [definition.sortKey.name] : [])];
  let deleted = 0;
  let batch: WriteRequest[] = [];
  const flush = async () => {
    await writeRequests(client, tableName, batch);
    deleted += batch.length;
    batch = [];
  };
  for await (const item of scanAll(client, tableName)) {
    if (kept.has(keyOf(key, item))) continue;
    batch.push({ DeleteRequest: { Key: Object.fromEntries(keyNames.map((name) => [name, item[name]!])) } });
    if (batch.length === batchWriteLimit) await flush();
  }
  if (batch.length > 0) await flush();
  return deleted;
}

export interface RestoreOptions {
  /**
   * Make each table equal to the backup: items the backup lacks are deleted, the others put back
   * as they were. Without it a restore refuses a table that holds items, so two states of the
   * data never mix by accident.
   */
  readonly replace?: boolean;
}

/** Loads a backup written by `exportTables` into the existing tables `names`; the counts per table. */
export async function restoreTables(
  client: DynamoDBClient,
  names: Readonly<Record<TableKey, string>>,
  dir: string,
  options: RestoreOptions = {},
): Promise<Partial<Record<TableKey, number>>> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== 'DYNAMODB_JSON') throw new Error(`unknown backup format ${String(manifest.format)}`);
  // The tables the backup holds (an AWS restore reads out only the tables it restores).
  const keys = (Object.keys(tables) as TableKey[]).filter((key) => manifest.tables[key]);
  if (!options.replace) {
    for (const key of keys) {
      if (await hasItems(client, names[key])) throw new Error(`table ${names[key]} is not empty: restore into empty tables only`);
    }
  }
  const counts: Partial<Record<TableKey, number>> = {};
  // A restore is not a change of the answers: their stream is off while the items go back (as an
  // AWS restore writes no stream records), so the aggregation does not count them a second time
  // on top of the restored counters; it is switched on again, a new stream, afterwards.
  const streamed = keys.filter((key) => 'stream' in tables[key]);
  for (const key of streamed) await setStream(client, names[key], false);
  for (const key of keys) {
    const entry = manifest.tables[key]!;
    let restored = 0;
    const kept = new Set<string>();
    for (const file of entry.files) {
      let batch: Record<string, AttributeValue>[] = [];
      for await (const item of readItems(join(dir, file))) {
        batch.push(item);
        if (options.replace) kept.add(keyOf(key, item));
        if (batch.length === batchWriteLimit) {
          await writeBatch(client, names[key], batch);
          restored += batch.length;
          batch = [];
        }
      }
      if (batch.length > 0) {
        await writeBatch(client, names[key], batch);
        restored += batch.length;
      }
    }
    if (restored !== entry.itemCount) throw new Error(`${names[key]}: restored ${restored} items, the manifest says ${entry.itemCount}`);
    if (options.replace) await deleteItemsMissingFrom(client, key, names[key], kept);
    counts[key] = restored;
  }
  for (const key of streamed) await setStream(client, names[key], true);
  return counts;
}

/** Switches a table's stream (both images) off or on, if it is not so already. */
async function setStream(client: DynamoDBClient, tableName: string, enabled: boolean): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (Boolean(Table?.StreamSpecification?.StreamEnabled) === enabled) return;
  await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: enabled ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } : { StreamEnabled: false } }));
}

/** Deletes every table (the drill's "disaster"); `ensureTables` creates them again, empty. */
export async function deleteTables(client: DynamoDBClient, names: Readonly<Record<TableKey, string>>): Promise<void> {
  for (const key of Object.keys(tables) as TableKey[]) {
    await client.send(new DeleteTableCommand({ TableName: names[key] }));
    await waitUntilTableNotExists({ client, maxWaitTime: 60 }, { TableName: names[key] });
  }
}
