import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sliceCsv } from '#domain/csv-slices';

/**
 * `npm run import -- --kind applications --file queue.csv [--url http://localhost:3000]`
 * A client of the staff API (the same calls as the console's import page), so it works against
 * `npm start` and against a deployed system alike: check the whole file, then send it in slices
 * with a progress bar, then bring the queue positions up to date.
 */
const { values } = parseArgs({
  options: {
    kind: { type: 'string' },
    file: { type: 'string' },
    url: { type: 'string', default: process.env.KEZEK_URL ?? 'http://localhost:3000' },
    login: { type: 'string', default: process.env.KEZEK_STAFF_LOGIN ?? 'staff@temirtau.kezek.kz' },
    password: { type: 'string', default: process.env.KEZEK_STAFF_PASSWORD ?? 'temirtau-demo' },
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

await call('POST', '/api/auth/staff/session', { login: values.login, password: values.password });
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
