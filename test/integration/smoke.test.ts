import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { runSmoke } from '../../scripts/smoke.ts';
import { nextStaffCode, startTestRuntime } from '../support/runtime.ts';

const root = join(import.meta.dirname, '..', '..');

describe('npm run smoke', () => {
  let runtime: LocalRuntime;
  let bare: Server;
  let bareUrl: string;

  beforeAll(async () => {
    runtime = await startTestRuntime(40);
    // A deployment gone wrong: health answers, but the page has no security headers and the
    // "direct" API endpoint answers 200.
    bare = createServer((request, response) => {
      if (request.url?.startsWith('/api/health')) response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok","time":"x"}');
      else if (request.url?.startsWith('/api/public/campaign')) response.writeHead(500).end('boom');
      else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>');
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => bare?.close(resolve));
    await runtime?.stop();
  });

  it('should pass every check against the local runtime, staff login included', async () => {
    const staff = runtime.seed!.data.staff;
    const checks = await runSmoke({ url: runtime.url, tenantId: staff.tenantId, staff: { login: staff.login, password: staff.password, code: await nextStaffCode(runtime, staff.login) } });
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks.map((check) => check.name)).toEqual(['health', 'viewer address reaches the API', 'security headers', 'public banner', 'staff login']);
  });

  it('should name each failure of a broken deployment', async () => {
    const checks = await runSmoke({ url: bareUrl, apiEndpoint: bareUrl, staff: { login: 'nobody', password: 'wrong-password' } });
    const failed = Object.fromEntries(checks.filter((check) => !check.ok).map((check) => [check.name, check.detail]));
    expect(Object.keys(failed)).toEqual(['viewer address reaches the API', 'security headers', 'API endpoint refuses direct calls', 'public banner', 'staff login']);
    expect(failed['viewer address reaches the API']).toContain('took the client address from undefined');
    expect(failed['security headers']).toContain('content-security-policy missing');
    expect(failed['API endpoint refuses direct calls']).toContain('answered 200: the default endpoint is open');
    expect(failed['public banner']).toContain('no JSON');
  });

  it('should exit 1 from the command line on a failure and 0 when all pass', async () => {
    const run = promisify(execFile);
    const passing = await run(process.execPath, ['--import', 'tsx', 'scripts/smoke.ts', '--url', runtime.url, '--tenant', runtime.seed!.data.staff.tenantId], { cwd: root });
    expect(passing.stdout).toContain('smoke: all 4 checks passed');
    const failing = await run(process.execPath, ['--import', 'tsx', 'scripts/smoke.ts', '--url', bareUrl], { cwd: root }).catch((error: { code: number; stdout: string }) => error);
    expect(failing).toMatchObject({ code: 1 });
    expect((failing as { stdout: string }).stdout).toContain('FAIL security headers');
  });
});
