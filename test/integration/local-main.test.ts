import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '#domain/iin';
import { client } from '../support/runtime.ts';

/**
 * `npm start`'s entry (`local/main.ts`) as a user runs it, configured only by the environment
 * the README documents: in memory, a small demo tenant, any free port.
 */
let child: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, PORT: '0', KEZEK_DATA_DIR: 'memory', KEZEK_DEMO_APPLICATIONS: '120', RATE_LIMIT_SCALE: '3' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Web app\s+(http:\/\/\S+?)\/\s/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`npm start's entry exited with ${code}:\n${output}`)));
  });
});

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

describe('npm start', () => {
  it('should honour RATE_LIMIT_SCALE: three login codes for one IIN within a minute pass at scale 3, the fourth is refused', async () => {
    // Prepare: at scale 1 one code per IIN per minute is allowed
    const iin = makeIin('1988-04-12', 'female', 4242);
    const ask = () => client(url).call('POST /api/auth/parent/code', { body: { iin } });
    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask()).status);
    // Assess
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(output).toContain('abuse limits × 3 (RATE_LIMIT_SCALE)');
  });
});
