import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import type { TableKey } from '#functions/tables';
import type { Grants } from '#http/routes';

/** Every item of some tables, each as its JSON text, sorted: two snapshots compare as strings. */
export type TableSnapshot = Readonly<Partial<Record<TableKey, readonly string[]>>>;

/** A stable text for an item: keys sorted at every level, so equal items give equal texts. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Set) return canonical([...value].sort());
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * What a refused request still writes by design, left out of snapshots: the abuse counters that
 * make a refusal count (a login's rate-limit windows, a one-time code's failed attempts).
 */
function withoutAbuseCounters(key: TableKey, item: Record<string, unknown>): Record<string, unknown> | undefined {
  if (key !== 'auth') return item;
  const authId = String(item.authId);
  if (authId.startsWith('limit#')) return undefined;
  if (authId.startsWith('otp#')) {
    const { attempts: _attempts, ...rest } = item;
    return rest;
  }
  return item;
}

/** Scans the tables (a test may; a request path never does) and keeps each item as canonical JSON. */
export async function snapshotTables(tableNames: Readonly<Record<TableKey, string>>, keys: readonly TableKey[]): Promise<TableSnapshot> {
  const client = dynamoDocumentClient();
  // The tables side by side (each scan is a round trip to the engine, mostly waiting), kept in the order asked.
  const scanned = await Promise.all(
    keys.map(async (key) => {
      const items: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: tableNames[key], ConsistentRead: true, ExclusiveStartKey: startKey }));
        for (const item of page.Items ?? []) {
          const kept = withoutAbuseCounters(key, item);
          if (kept) items.push(canonical(kept));
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return [key, items.sort()] as const;
    }),
  );
  return Object.fromEntries(scanned);
}

/** What changed between two snapshots of the same tables: items added and items gone (an update is both). */
export function snapshotChanges(before: TableSnapshot, after: TableSnapshot): { table: string; added: string[]; removed: string[] }[] {
  const changes: { table: string; added: string[]; removed: string[] }[] = [];
  for (const table of Object.keys(before) as TableKey[]) {
    const was = new Set(before[table]);
    const now = new Set(after[table]);
    const added = [...now].filter((item) => !was.has(item));
    const removed = [...was].filter((item) => !now.has(item));
    if (added.length > 0 || removed.length > 0) changes.push({ table, added, removed });
  }
  return changes;
}

/**
 * The tables a route's function may write (its grants), plus the local scheduler's table when it
 * may create schedules: what a refused request of this route must leave as it was.
 */
export function writableTables(grants: Grants): TableKey[] {
  const writable = Object.entries(grants.tables ?? {})
    .filter(([, access]) => access === 'readWrite')
    .map(([key]) => key as TableKey);
  return grants.scheduler ? [...writable, 'schedules'] : writable;
}

/** Every item of one of the runtime's tables, page after page (a test-only recount; request paths never scan). */
export async function scanTable<T>(tableNames: Readonly<Record<TableKey, string>>, table: TableKey): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDocumentClient().send(new ScanCommand({ TableName: tableNames[table], ExclusiveStartKey: startKey }));
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
