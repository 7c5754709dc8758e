import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { groupedSecret, staffCodeNow } from './staff-code.ts';
import { localTableNames } from './tables.ts';

/**
 * `npm run staff-code -- <login> [--endpoint http://127.0.0.1:PORT] [--table-prefix kezek]`
 *
 * Prints the current second-factor code of a staff account of the running `npm start` (the demo
 * staff, or one added through its link), so the demo needs no phone. Local only: it reads the
 * secret from DynamoDB Local; a deployed system's secrets are never printed.
 */
// The SDK's notice about local Node 20 is in the README; it would hide the code.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const usage = 'usage: npm run staff-code -- <login> [--endpoint http://127.0.0.1:PORT] [--table-prefix kezek]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { endpoint: { type: 'string' }, 'table-prefix': { type: 'string', default: 'kezek' } },
});
const login = positionals[0];
if (!login) {
  console.error(usage);
  process.exit(1);
}
let endpoint = values.endpoint;
if (!endpoint) {
  const file = resolve(import.meta.dirname, '..', process.env.KEZEK_DATA_DIR ?? '.data', 'dynamodb-endpoint');
  if (!existsSync(file)) {
    console.error('no running `npm start` found (its .data/dynamodb-endpoint is missing): start it, or pass --endpoint http://127.0.0.1:PORT as it prints');
    process.exit(1);
  }
  endpoint = readFileSync(file, 'utf8').trim();
}
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }));
try {
  const now = await staffCodeNow(client, localTableNames(values['table-prefix']).accounts, login, new Date());
  if (!now) {
    console.error(`${login}: no such staff account, or it has not enrolled a second factor yet`);
    process.exit(1);
  }
  console.log(`${now.code}   (${now.login}; good for about ${now.secondsLeft} s, once)`);
  console.log(`key ${groupedSecret(now.secret)}`);
  console.log(now.uri);
} catch (error) {
  console.error(`could not read ${endpoint}: ${(error as Error).message}`);
  process.exit(1);
} finally {
  client.destroy();
}
