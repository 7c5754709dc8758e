import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sliceCsv } from '#domain/csv-slices';

/**
 * `npm run import -- --kind applications --file queue.csv [--url http://localhost:3000] [--code 123456]`
 * A client of the staff API (the same calls as the console's import page), so it works against
 * `npm start` and against a deployed system alike: check the whole file, then send it in slices
 * with a progress bar, then bring the queue positions up to date. The login takes the staff
 * member's second-factor code (`--code` or KEZEK_STAFF_CODE); against `npm start` without one,
 * the demo's code is read from its local data, as `npm run staff-code` does.
 */
const { values } = parseArgs({
  options: {
    kind: { type: 'string' },
    file: { type: 'string' },
    url: { type: 'string', default: process.env.KEZEK_URL ?? 'http://localhost:3000' },
    login: { type: 'string', default: process.env.KEZEK_STAFF_LOGIN ?? 'staff@temirtau.kezek.kz' },
    password: { type: 'string', default: process.env.KEZEK_STAFF_PASSWORD ?? 'temirtau-demo' },
    code: { type: 'string', default: process.env.KEZEK_STAFF_CODE },
    lang: { type: 'string', default: 'ru' },
    slice: { type: 'string', default: '500' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (values.kind !== 'kindergartens' && values.kind !== 'applications') fail('--kind must be kindergartens or applications');
if (!values.file) fail('--file is required');
const kind = values.kind;
const csv = readFileSync(values.file, 'utf8');
let cookie = '';

async function call(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${values.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'accept-language': values.lang!, ...(cookie && { cookie }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const setCookie = response.headers.getSetCookie()[0];
  if (setCookie) cookie = setCookie.split(';')[0]!;
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = answer.error ?? { message: `HTTP ${response.status}` };
    const rows = (error.rows ?? []) as { line: number; column: string; message: string }[];
    fail([error.message, ...rows.map((r) => `  line ${r.line}, ${r.column}: ${r.message}`)].join('\n'));
  }
  return answer;
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

/** The code of `npm start`'s local data (the demo has no phone); undefined when there is none. */
async function localCode(login: string): Promise<string | undefined> {
  const { existsSync, readFileSync: read } = await import('node:fs');
  const { resolve } = await import('node:path');
  const file = resolve(import.meta.dirname, '..', process.env.KEZEK_DATA_DIR ?? '.data', 'dynamodb-endpoint');
  if (!existsSync(file)) return undefined;
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient } = await import('@aws-sdk/lib-dynamodb');
  const { staffCodeNow } = await import('./staff-code.ts');
  const { localTableNames } = await import('./tables.ts');
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: read(file, 'utf8').trim(), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  try {
    return (await staffCodeNow(client, localTableNames().accounts, login, new Date()))?.code;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

const isLocal = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(values.url!);
const code = values.code ?? (isLocal ? await localCode(values.login!) : undefined);
if (!code) fail('--code is required: the 6 digits of your authenticator app (or a recovery code)');
await call('POST', '/api/auth/staff/session', { login: values.login, password: values.password, code });
const checked = await call('POST', `/api/staff/imports/${kind}/check`, { csv });
console.log(`checked: ${checked.rows} rows, no problems`);
let done = 0;
let written = 0;
for (const slice of sliceCsv(csv, Number(values.slice))) {
  const result = await call('POST', `/api/staff/imports/${kind}/rows`, { csv: slice.csv, firstLine: slice.firstLine });
  done += slice.rows;
  written += result.written;
  process.stdout.write(`\r${bar(done, checked.rows)}`);
}
process.stdout.write('\n');
console.log(`imported: ${written} new, ${checked.rows - written} already there`);
if (kind === 'applications') {
  const positions = await call('POST', '/api/staff/queue/positions');
  console.log(`positions: being brought up to date in ${positions.cohorts} birth-year cohorts (a job; a minute at most)`);
}
