import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';

/** Where `scripts/ensure.mjs` unpacks DynamoDB Local (git-ignored). */
export const dynamoDbLocalDir = resolve(import.meta.dirname, '..', '.cache', 'dynamodb-local');

/** Our launcher that makes DynamoDB Local listen on 127.0.0.1 only (it has no option for that). */
const loopbackLauncher = resolve(import.meta.dirname, 'LoopbackDynamoDbLocal.java');
const loopbackLauncherCache = resolve(import.meta.dirname, '..', '.cache', 'dynamodb-local-loopback');

/**
 * How java runs the launcher: compiled once by `javac` into `.cache` (per version of its source)
 * when a JDK is there; with a JRE only, from its source, which java compiles at every start
 * (about 1.7 s of CPU more).
 */
function loopbackLauncherArgs(jar: string): string[] {
  const dir = join(loopbackLauncherCache, createHash('sha256').update(readFileSync(loopbackLauncher)).digest('hex').slice(0, 16));
  const compiled = ['-cp', `${jar}${delimiter}${dir}`, 'LoopbackDynamoDbLocal'];
  if (existsSync(join(dir, 'LoopbackDynamoDbLocal.class'))) return compiled;
  // Compiled aside and moved in whole, so a process starting meanwhile never sees half a class.
  const staging = `${dir}.${process.pid}.tmp`;
  mkdirSync(staging, { recursive: true });
  const javac = spawnSync('javac', ['-cp', jar, '-d', staging, loopbackLauncher], { stdio: 'ignore' });
  if (javac.error || javac.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    return ['-cp', jar, loopbackLauncher];
  }
  try {
    renameSync(staging, dir);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process moved its copy in first
  }
  return compiled;
}

export interface DynamoDbLocalOptions {
  /** A directory for persistent data, or `memory` for a throwaway in-memory engine (tests). */
  readonly data: string | 'memory';
  readonly port?: number;
}

export interface RunningDynamoDbLocal {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilListening(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output()}`);
    try {
      // Any HTTP answer (DynamoDB Local says 400 to a bare GET) means it is up. Its first answer
      // can take seconds on a loaded machine: a short probe would abort every time.
      await fetch(endpoint, { signal: AbortSignal.timeout(5_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`DynamoDB Local did not start within 60 s:\n${output()}`);
}

/**
 * Starts DynamoDB Local (the jar fetched by `scripts/ensure.mjs`), reachable on 127.0.0.1 only
 * (`LoopbackDynamoDbLocal.java`). The java process runs under a small shell watchdog that kills it
 * when our stdin pipe closes, so even a crashed or killed Node process leaves no java behind.
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions): Promise<RunningDynamoDbLocal> {
  const jar = join(dynamoDbLocalDir, 'DynamoDBLocal.jar');
  if (!existsSync(jar)) throw new Error('DynamoDB Local is missing: run `node scripts/ensure.mjs` (npm start and npm test do it for you)');
  if (spawnSync('java', ['-version'], { stdio: 'ignore' }).error) {
    throw new Error('java was not found: install Java 17, e.g. `apt-get install -y openjdk-17-jre-headless`');
  }
  const port = options.port ?? (await freePort());
  const storage = options.data === 'memory' ? ['-inMemory'] : ['-dbPath', options.data];
  if (options.data !== 'memory') mkdirSync(options.data, { recursive: true });
  const javaArgs = [
    `-Djava.library.path=${join(dynamoDbLocalDir, 'DynamoDBLocal_lib')}`,
    // Not `-jar`: DynamoDB Local alone would listen on every interface, open to the network.
    ...loopbackLauncherArgs(jar),
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...storage,
  ];
  const quoted = javaArgs.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
  const watchdog = `java ${quoted} & pid=$!; trap 'kill $pid 2>/dev/null; exit 0' TERM INT; cat >/dev/null; kill $pid 2>/dev/null; wait $pid 2>/dev/null`;
  const child = spawn('sh', ['-c', watchdog], { stdio: ['pipe', 'pipe', 'pipe'], cwd: dynamoDbLocalDir });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  try {
    await waitUntilListening(endpoint, child, () => output);
  } catch (error) {
    child.stdin?.end();
    throw error;
  }
  return {
    endpoint,
    async stop() {
      if (child.exitCode === null) {
        child.stdin?.end();
        await exited;
      }
    },
  };
}
