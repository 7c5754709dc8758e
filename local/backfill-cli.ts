import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillSearchKeys } from './search-keys-backfill.ts';
import { localTableNames } from './tables.ts';

/**
 * `npm run backfill -- search-keys (--endpoint URL [--prefix kezek] | --region REGION --table NAME) [--start-after ID]`
 *
 * Gives applications stored before the help desk's name index their name keys (see
 * `search-keys-backfill.ts`). Against the local runtime the endpoint is the DynamoDB Local address
 * `npm start` prints; against AWS, name the applications table; the credentials are the operator's.
 */
const usage = 'usage: npm run backfill -- search-keys (--endpoint http://127.0.0.1:PORT [--prefix kezek] | --region REGION --table NAME) [--start-after APPLICATION_ID]';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    endpoint: { type: 'string' },
    region: { type: 'string' },
    prefix: { type: 'string', default: 'kezek' },
    table: { type: 'string' },
    'start-after': { type: 'string' },
  },
});
const local = values.endpoint !== undefined;
if (positionals[0] !== 'search-keys' || local === (values.region !== undefined) || (!local && !values.table)) {
  console.error(usage);
  process.exit(2);
}
if (local) Object.assign(process.env, { AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local', AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local' });
const client = new DynamoDBClient({ endpoint: values.endpoint, region: values.region ?? process.env.AWS_REGION ?? 'eu-central-1' });
const documents = DynamoDBDocumentClient.from(client);
const table = values.table ?? localTableNames(values.prefix).applications;
try {
  const { scanned, updated } = await backfillSearchKeys(documents, table, {
    ...(values['start-after'] && { startAfter: { applicationId: values['start-after'] } }),
    onPage: (progress) => console.log(`scanned ${progress.scanned}, keys added ${progress.updated}${progress.next ? `, next page after ${String(progress.next.applicationId)}` : ''}`),
  });
  console.log(`done: ${scanned} applications scanned in ${table}, name keys added to ${updated}`);
} finally {
  client.destroy();
}
