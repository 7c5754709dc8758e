import { resolve } from 'node:path';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { outboxSweep } from '#ports/delivery-queue';
import { scheduleNames } from '#use-cases/schedule-names';
import { startLocalRuntime, repositoryRoot } from './runtime.ts';
import { groupedSecret, staffCodeNow } from './staff-code.ts';

/** `npm start`: the whole system locally. PORT, KEZEK_DATA_DIR, KEZEK_DEMO_APPLICATIONS and RATE_LIMIT_SCALE configure it. */
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.KEZEK_DATA_DIR === 'memory' ? 'memory' : resolve(repositoryRoot, process.env.KEZEK_DATA_DIR ?? '.data');
const applicationCount = process.env.KEZEK_DEMO_APPLICATIONS ? Number(process.env.KEZEK_DEMO_APPLICATIONS) : undefined;
// The runtime sets the handlers' RATE_LIMIT_SCALE from its option, so the variable is read here.
const rateLimitScale = Number(process.env.RATE_LIMIT_SCALE ?? '1');
if (!Number.isFinite(rateLimitScale) || rateLimitScale <= 0) {
  console.error(`kezek: RATE_LIMIT_SCALE must be a positive number, not "${process.env.RATE_LIMIT_SCALE}"`);
  process.exit(1);
}

console.log('kezek: starting DynamoDB Local, tables, demo data and the API…');
const started = Date.now();
const runtime = await startLocalRuntime({ port, data: dataDir, seed: { applicationCount }, rateLimitScale }).catch((error: Error) => {
  console.error(`kezek: could not start: ${error.message}`);
  process.exit(1);
});

// The outbox sweeper (decision 55) runs every 15 minutes: the first sweep now, each scheduling the next.
{
  const at = runtime.clock.now().toISOString();
  await runtime.scheduler.scheduleOnce({ name: scheduleNames.outboxSweep(at), at, task: { kind: 'outbox-sweep', repeatMinutes: outboxSweep.everyMinutes } });
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\nkezek: ${signal}, stopping…`);
  await runtime.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const seed = runtime.seed;
const lines = [
  '',
  `kezek is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  `  Web app      ${runtime.url}/`,
  `  API health   ${runtime.url}/api/health`,
  `  OpenAPI      ${runtime.url}/api/openapi.json`,
  `  Data         ${dataDir === 'memory' ? 'in memory (lost on stop)' : dataDir} · DynamoDB Local at ${runtime.dynamoEndpoint}`,
  `  E-mail       ${runtime.mailer.directory} (each mail an .eml file: open it in any mail client)`,
  ...(rateLimitScale !== 1 ? [`  Limits       abuse limits × ${rateLimitScale} (RATE_LIMIT_SCALE)`] : []),
];
if (seed) {
  const staffCode = await staffCodeNow(dynamoDocumentClient(), runtime.tableNames.accounts, seed.data.staff.login, runtime.clock.now());
  lines.push(
    `  Demo tenant  ${seed.data.tenant.name.en}: ${seed.data.kindergartens.length} kindergartens, ${seed.data.applications.length} applications` +
      (seed.seededNow ? ' (seeded now)' : ` (seeded ${seed.marker.seededAt.slice(0, 10)}, kept)`),
    '',
    'Demo logins (synthetic people; the one-time code appears below as an [sms → …] line)',
    ...seed.data.demoParents.map((parent) => `  Parent  IIN ${parent.iin}  ${parent.displayName}: ${parent.note}`),
    `  Staff   ${seed.data.staff.login} / ${seed.data.staff.password}  (${seed.data.staff.tenantId})`,
    ...(staffCode
      ? [
          `          second factor: a code for now is ${staffCode.code}; a fresh one any time: npm run staff-code -- ${staffCode.login}`,
          `          or add the key to an authenticator app: ${groupedSecret(staffCode.secret)}`,
          `          (${staffCode.uri})`,
        ]
      : []),
    '',
    'Another department: npm run department -- add --file docs/department.example.json (then http://balkhash.localhost:' + port + '/)',
  );
}
lines.push('', 'Ctrl-C stops everything.', '');
console.log(lines.join('\n'));
