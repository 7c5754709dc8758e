import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseDepartment } from '#domain/department';
import { DomainError } from '#domain/errors';
import { problemMessage } from '#http/problems';
import { DynamoDepartmentStore } from '#adapters/dynamodb/department-store';
import type { Notifier } from '#ports/notifier';
import { onboardDepartment } from '#use-cases/departments';
import { localTableNames } from './tables.ts';

/**
 * `npm run department -- add --file department.json [--endpoint local|<url>|aws] [--stage dev] [--region …]`
 *
 * The platform operator onboards a department with the same use case and DynamoDB adapter the
 * handlers use, writing straight to the deployed tables (found by the data stack's exports) or to
 * `npm start`'s DynamoDB Local. It prints the first administrator's one-time set-password link
 * and, when the file gives the administrator's phone, sends it by SMS as well.
 */
const usage = 'usage: npm run department -- add --file department.json [--endpoint local|http://127.0.0.1:PORT|aws] [--stage dev] [--region eu-central-1] [--site-url URL] [--operator NAME] [--table-prefix kezek]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string' },
    endpoint: { type: 'string', default: 'local' },
    stage: { type: 'string', default: 'dev' },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'eu-central-1' },
    'site-url': { type: 'string' },
    operator: { type: 'string', default: process.env.USER ?? 'operator' },
    // Locally only: the tables' name prefix (`npm start` uses kezek; each test runtime its own).
    'table-prefix': { type: 'string', default: 'kezek' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (positionals[0] !== 'add' || !values.file) fail(usage);
let raw: unknown;
try {
  raw = JSON.parse(readFileSync(values.file, 'utf8'));
} catch (error) {
  fail(`${values.file}: ${(error as Error).message}`);
}
const parsed = parseDepartment(raw);
if (!parsed.ok) fail([`${values.file} is not a valid department; nothing was written:`, ...parsed.problems.map((p) => `  ${p}`)].join('\n'));
const department = parsed.department;

type Needed = 'tenants' | 'accounts' | 'auth';
interface Target {
  readonly client: DynamoDBClient;
  readonly tables: Record<Needed, string>;
  readonly notifier: Notifier;
  readonly siteUrl: string;
}

/** The table names from the data stack's exports (`kezek-<stage>-<key>-table-arn`), via the AWS CLI the operator deployed with. */
function deployedTables(stage: string, region: string): Record<Needed, string> {
  let exports: { Name: string; Value: string }[];
  try {
    const output = execFileSync('aws', ['cloudformation', 'list-exports', '--region', region, '--output', 'json'], { encoding: 'utf8' });
    exports = JSON.parse(output).Exports ?? [];
  } catch (error) {
    fail(`could not list the stack exports with the AWS CLI (${(error as Error).message.split('\n')[0]}); is it installed and are you logged in?`);
  }
  const tableOf = (key: Needed) => {
    const arn = exports.find((entry) => entry.Name === `kezek-${stage}-${key}-table-arn`)?.Value;
    if (!arn) fail(`no export kezek-${stage}-${key}-table-arn in ${region}: is stage "${stage}" deployed there?`);
    return arn.split('/')[1]!;
  };
  return { tenants: tableOf('tenants'), accounts: tableOf('accounts'), auth: tableOf('auth') };
}

async function target(): Promise<Target> {
  if (values.endpoint === 'aws') {
    const { SNSClient } = await import('@aws-sdk/client-sns');
    const { SnsNotifier } = await import('#adapters/sns/sns-notifier');
    return {
      client: new DynamoDBClient({ region: values.region }),
      tables: deployedTables(values.stage!, values.region!),
      notifier: new SnsNotifier(new SNSClient({ region: values.region })),
      siteUrl: values['site-url'] ?? `https://${department.hosts[0]}`,
    };
  }
  // `npm start` writes its DynamoDB Local endpoint next to its data (it picks a free port each time).
  let endpoint = values.endpoint!;
  if (endpoint === 'local') {
    const file = resolve(import.meta.dirname, '..', process.env.KEZEK_DATA_DIR ?? '.data', 'dynamodb-endpoint');
    if (!existsSync(file)) fail('no running `npm start` found (its .data/dynamodb-endpoint is missing): start it, or pass --endpoint http://127.0.0.1:PORT as it prints');
    endpoint = readFileSync(file, 'utf8').trim();
  }
  const local = localTableNames(values['table-prefix']);
  const { LocalNotifier } = await import('#adapters/local/local-notifier');
  return {
    client: new DynamoDBClient({ endpoint, region: values.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    tables: { tenants: local.tenants, accounts: local.accounts, auth: local.auth },
    notifier: new LocalNotifier((line) => console.log(line), () => new Date()),
    siteUrl: values['site-url'] ?? `http://${department.hosts[0]}:${process.env.PORT ?? 3000}`,
  };
}

const { client, tables, notifier, siteUrl } = await target();
const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
try {
  const onboarded = await onboardDepartment(
    { departments: new DynamoDepartmentStore(documents, (key) => tables[key]), notifier, clock: () => new Date() },
    department,
    { operator: values.operator!, siteUrl },
  );
  console.log(
    [
      `department ${onboarded.tenantId} added (${department.name.en}); its site answers on ${department.hosts.join(', ')}`,
      `first administrator: ${onboarded.adminLogin} (role admin); one-time link to set the password, valid until ${onboarded.expiresAt}:`,
      `  ${onboarded.link}`,
      ...(onboarded.sentBySms ? ['the link was also sent by SMS to the phone in the file'] : []),
    ].join('\n'),
  );
} catch (error) {
  if (error instanceof DomainError) fail(`refused, nothing was written: ${problemMessage(error.code, 'en', error.params())}`);
  throw error;
} finally {
  client.destroy();
}
