import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { deleteTables, exportTables, restoreTables } from './backup.ts';
import { ensureTables, localTableNames } from './tables.ts';

/**
 * `npm run backup -- export|restore|drill --dir DIR (--endpoint URL | --region REGION) [--table key=name…] [--replace]`.
 * Against the local runtime, the endpoint is the DynamoDB Local address `npm start` prints; against
 * AWS, name each table (`--table applications=kezek-prod-…`) and the credentials are the
 * operator's. `drill` (local only) exports, deletes every table, creates them empty and restores,
 * as docs/RUNBOOK.md rehearses; `restore --replace` makes live tables equal a backup.
 */
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string' },
    endpoint: { type: 'string' },
    region: { type: 'string' },
    prefix: { type: 'string', default: 'kezek' },
    table: { type: 'string', multiple: true, default: [] },
    replace: { type: 'boolean', default: false },
  },
});
const command = positionals[0];
const local = values.endpoint !== undefined;
if (!command || !['export', 'restore', 'drill'].includes(command) || !values.dir || local === (values.region !== undefined) || (command === 'drill' && !local)) {
  console.error('usage: npm run backup -- export|restore|drill --dir DIR (--endpoint http://127.0.0.1:PORT | --region REGION) [--table key=name…] [--replace]');
  process.exit(2);
}
if (local) {
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local', AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local' });
}
const client = new DynamoDBClient({ endpoint: values.endpoint, region: values.region ?? process.env.AWS_REGION ?? 'eu-central-1' });
const names = { ...localTableNames(values.prefix) };
const named: (keyof typeof names)[] = [];
for (const pair of values.table) {
  const [key, name] = pair.split('=');
  if (!key || !name || !(key in names)) {
    console.error(`--table ${pair}: expected key=name with key one of ${Object.keys(names).join(', ')}`);
    process.exit(2);
  }
  names[key as keyof typeof names] = name;
  named.push(key as keyof typeof names);
}
if (!local && named.length === 0) {
  console.error('against AWS, name the tables: --table applications=<table name> (repeat for each)');
  process.exit(2);
}
const dir = resolve(values.dir);
try {
  if (command === 'export' || command === 'drill') {
    const manifest = await exportTables(client, names, dir, new Date(), local ? undefined : named);
    console.log(`exported to ${dir}: ${Object.entries(manifest.tables).map(([key, entry]) => `${key} ${entry?.itemCount}`).join(', ')}`);
  }
  if (command === 'drill') {
    await deleteTables(client, names);
    console.log('deleted every table');
  }
  if (command === 'restore' || command === 'drill') {
    if (local) await ensureTables(client, names);
    const counts = await restoreTables(client, names, dir, { replace: values.replace });
    console.log(`restored from ${dir}: ${Object.entries(counts).map(([key, count]) => `${key} ${count}`).join(', ')}`);
  }
} catch (error) {
  console.error(`backup: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  client.destroy();
}
