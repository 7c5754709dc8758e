import { parseArgs } from 'node:util';

/**
 * `npm run smoke -- --url https://kezek.example.kz [--api-endpoint https://….execute-api….amazonaws.com]
 *  [--staff-login LOGIN]` (the password in KEZEK_SMOKE_STAFF_PASSWORD): checks a deployment from
 * the outside, as a parent's browser and an attacker would see it, and prints what failed and why.
 * Exit code 0 when every check passed, 1 otherwise. Runs against `npm start` in the test suite.
 */

export interface SmokeOptions {
  /** The site's address (CloudFront, or the local server). */
  readonly url: string;
  /** The API's own execute-api address: it must refuse direct calls. */
  readonly apiEndpoint?: string;
  /** The department whose banner to read (the site's own department when the site names one). */
  readonly tenantId?: string;
  /** An operator-provided test account of a department's staff, with its current second-factor code (authenticator or recovery code). */
  readonly staff?: { readonly login: string; readonly password: string; readonly code?: string };
  /** Per request; a deployment that does not answer within it has failed. */
  readonly timeoutMs?: number;
}

export interface SmokeCheck {
  readonly name: string;
  readonly ok: boolean;
  /** Why it failed, or what it saw. */
  readonly detail: string;
}

/** The headers CloudFront's response-headers policy must add to the page (and the local server does too). */
const requiredPageHeaders: Readonly<Record<string, (value: string, https: boolean) => string | undefined>> = {
  'content-security-policy': (value) => (value.includes("frame-ancestors 'none'") && value.includes("default-src 'self'") ? undefined : `too loose: ${value}`),
  'x-content-type-options': (value) => (value === 'nosniff' ? undefined : `is ${value}`),
  'x-frame-options': (value) => (value.toUpperCase() === 'DENY' ? undefined : `is ${value}`),
  'referrer-policy': (value) => (value.length > 0 ? undefined : 'is empty'),
  'strict-transport-security': (value, https) => (!https || /max-age=\d{7,}/.test(value) ? undefined : `max-age too short: ${value}`),
};

async function fetchWithin(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
}

function failure(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return cause ? `${(error as Error).message} (${cause})` : (error as Error).message;
}

/** Runs every check in order; a check that cannot run (no answer) fails with the reason. */
export async function runSmoke(options: SmokeOptions): Promise<SmokeCheck[]> {
  const base = options.url.replace(/\/+$/, '');
  const https = base.startsWith('https://');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const checks: SmokeCheck[] = [];
  const check = async (name: string, run: () => Promise<string>) => {
    try {
      checks.push({ name, ok: true, detail: await run() });
    } catch (error) {
      checks.push({ name, ok: false, detail: failure(error) });
    }
  };
  const json = async (path: string, init: RequestInit = {}) => {
    const response = await fetchWithin(`${base}${path}`, init, timeoutMs);
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new Error(`${path} answered ${response.status} with no JSON: ${text.slice(0, 80)}`);
    }
    return { response, body: body as Record<string, unknown> | undefined };
  };

  await check('health', async () => {
    const { response, body } = await json('/api/health');
    if (response.status !== 200 || body?.status !== 'ok') throw new Error(`/api/health answered ${response.status} ${JSON.stringify(body)}`);
    return `200, server time ${String(body.time)}`;
  });

  await check('viewer address reaches the API', async () => {
    const { body } = await json('/api/health');
    const from = body?.clientAddressFrom;
    if (from === 'viewer') return "the API counts abuse limits on the viewer's own address (CloudFront-Viewer-Address with the origin secret)";
    // Plain http is the local runtime, where no CloudFront stands in front.
    if (!https && from === 'source') return 'source address (no CloudFront in front of a plain-http site)';
    throw new Error(
      `the API took the client address from ${String(from)}: CloudFront does not pass CloudFront-Viewer-Address or the origin secret, so every parent would share one abuse limit`,
    );
  });

  await check('security headers', async () => {
    const response = await fetchWithin(`${base}/`, {}, timeoutMs);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`/ answered ${response.status}`);
    const problems = Object.entries(requiredPageHeaders).flatMap(([header, judge]) => {
      const value = response.headers.get(header);
      // Browsers ignore HSTS over plain http (the local server), so it is required on https only.
      if (value === null) return header === 'strict-transport-security' && !https ? [] : [`${header} missing`];
      const problem = judge(value, https);
      return problem ? [`${header} ${problem}`] : [];
    });
    if (problems.length > 0) throw new Error(problems.join('; '));
    return https ? 'all present, HSTS included' : 'all present (HSTS is checked on https only)';
  });

  if (options.apiEndpoint) {
    const endpoint = options.apiEndpoint.replace(/\/+$/, '');
    await check('API endpoint refuses direct calls', async () => {
      let status: number;
      try {
        const response = await fetchWithin(`${endpoint}/api/health`, {}, timeoutMs);
        await response.arrayBuffer();
        status = response.status;
      } catch (error) {
        return `no answer (${failure(error)})`;
      }
      if (status === 200) throw new Error(`${endpoint}/api/health answered 200: the default endpoint is open, CloudFront and its origin secret can be bypassed`);
      return `answered ${status}`;
    });
  }

  await check('public banner', async () => {
    const { response, body } = await json(`/api/public/campaign${options.tenantId ? `?tenantId=${encodeURIComponent(options.tenantId)}` : ''}`);
    if (response.status !== 200 || body === undefined || !('campaign' in body)) throw new Error(`/api/public/campaign answered ${response.status} ${JSON.stringify(body)?.slice(0, 120)}`);
    return body.campaign ? 'a campaign is running' : 'no campaign running';
  });

  if (options.staff) {
    const staff = options.staff;
    await check('staff login', async () => {
      const { response, body } = await json('/api/auth/staff/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: staff.login, password: staff.password, ...(staff.code && { code: staff.code }) }),
      });
      if (response.status !== 200) throw new Error(`login answered ${response.status}: ${String((body as { message?: string } | undefined)?.message ?? '')}`);
      const cookies = response.headers.getSetCookie().map((line) => line.split(';')[0]!);
      const me = await json('/api/me', { headers: { cookie: cookies.join('; ') } });
      if (me.response.status !== 200) throw new Error(`/api/me after login answered ${me.response.status}`);
      await json('/api/auth/logout', { method: 'POST', headers: { cookie: cookies.join('; '), 'content-type': 'application/json' }, body: '{}' });
      return 'logged in, /api/me answered, logged out';
    });
  }
  return checks;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, 'api-endpoint': { type: 'string' }, 'staff-login': { type: 'string' }, 'staff-code': { type: 'string' }, tenant: { type: 'string' } },
  });
  if (!values.url) {
    console.error(
      'usage: npm run smoke -- --url https://… [--api-endpoint https://….execute-api….amazonaws.com] [--staff-login LOGIN --staff-code 123456] (password in KEZEK_SMOKE_STAFF_PASSWORD)',
    );
    process.exit(2);
  }
  const password = process.env.KEZEK_SMOKE_STAFF_PASSWORD;
  if (values['staff-login'] && !password) {
    console.error('--staff-login needs the password in KEZEK_SMOKE_STAFF_PASSWORD (not on the command line, where shells keep history)');
    process.exit(2);
  }
  const checks = await runSmoke({
    url: values.url,
    apiEndpoint: values['api-endpoint'],
    tenantId: values.tenant,
    staff: values['staff-login'] && password ? { login: values['staff-login'], password, code: values['staff-code'] } : undefined,
  });
  for (const check of checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  const failed = checks.filter((check) => !check.ok).length;
  console.log(failed === 0 ? `smoke: all ${checks.length} checks passed` : `smoke: ${failed} of ${checks.length} checks failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) await main();
