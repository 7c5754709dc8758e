import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { staffAccountId } from '#domain/accounts';
import { newRecoveryCodes, totpCodeAt, totpStep, totpWindow } from '#use-cases/second-factor';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.ts';
import { routePath, type Bare, type RouteAnswer, type RouteInput, type RouteName } from '../../web/src/route-names.ts';
import { sharedDynamo } from './shared-dynamodb.ts';

export type { RouteAnswer, RouteInput, RouteName } from '../../web/src/route-names.ts';

/**
 * A local runtime on an in-memory DynamoDB Local with a small demo tenant (fast to seed). Due
 * jobs run every 200 ms, as they would soon after in AWS; a test that must see a job's effect
 * calls `runtime.pollSchedules()` (or `settle`) rather than waiting.
 */
export function startTestRuntime(applicationCount = 300, options: { rateLimitScale?: number; transactionConflicts?: false; jobTimeoutScale?: number; /** See `LocalRuntimeOptions.jobPageSize`. */ jobPageSize?: number; /** See `LocalRuntimeOptions.smsSender`. */ smsSender?: false; localRuntime?: false; /** How often the runtime polls its jobs and queues by itself (a test may poll only by hand). */ schedulerIntervalMs?: number } = {}): Promise<LocalRuntime> {
  // KEZEK_TEST_LOG=1 shows the runtime's console (SMS lines, scheduler failures) while debugging.
  const log = process.env.KEZEK_TEST_LOG ? (line: string) => console.log(line) : () => undefined;
  // Suites log in many parents from one address: the abuse limits are raised unless a test is about them.
  const shared = sharedDynamo();
  return startLocalRuntime({ port: 0, data: 'memory', ...(shared && { sharedDynamo: shared }), seed: { applicationCount }, log, schedulerIntervalMs: options.schedulerIntervalMs ?? 200, rateLimitScale: options.rateLimitScale ?? 1000, ...(options.transactionConflicts === false && { transactionConflicts: false }), ...(options.jobTimeoutScale && { jobTimeoutScale: options.jobTimeoutScale }), ...(options.jobPageSize && { jobPageSize: options.jobPageSize }), ...(options.smsSender === false && { smsSender: false }), ...(options.localRuntime === false && { localRuntime: false }) });
}

export interface Client {
  readonly cookies: Map<string, string>;
  /** Any request, odd ones included (a raw body, a path no route has): what an attacker can send. */
  request(method: string, path: string, options?: { body?: unknown; rawBody?: string; language?: string }): Promise<{ status: number; body: any; headers: Headers }>;
  /**
   * A route called by name, as the web app calls it (`web/src/client.ts`): params, query and body
   * typed by the route's schemas; a 2xx body typed by its response schema (an error's is `any`).
   * A route that takes nothing is called by its name alone.
   */
  call<N extends Bare>(name: N): Promise<{ status: number; body: RouteAnswer<N> & { readonly error?: any }; headers: Headers }>;
  call<N extends RouteName>(name: N, input: RouteInput<N>, options?: { language?: string }): Promise<{ status: number; body: RouteAnswer<N> & { readonly error?: any }; headers: Headers }>;
}

/** A tiny cookie-keeping HTTP client, like a browser talking to the same origin. */
export function client(baseUrl: string): Client {
  const cookies = new Map<string, string>();
  return {
    cookies,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = {};
      // As the web app does: every state change says it is JSON (the API's CSRF defence), with or without a body.
      if (method !== 'GET' || options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
      if (options.language) headers['accept-language'] = options.language;
      if (cookies.size > 0) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...((options.body !== undefined || options.rawBody !== undefined) && { body: options.rawBody ?? JSON.stringify(options.body) }),
      });
      for (const line of response.headers.getSetCookie()) {
        const [pair, ...attributes] = line.split(';');
        const [name, value] = pair!.split('=') as [string, string];
        if (attributes.some((a) => a.trim() === 'Max-Age=0')) cookies.delete(name);
        else cookies.set(name, value);
      }
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
    },
    call(name: RouteName, input: unknown = {}, options: { language?: string } = {}) {
      const typed = input as { params?: unknown; query?: unknown; body?: unknown };
      return this.request(name.slice(0, name.indexOf(' ')), routePath(name, typed), { ...(typed.body !== undefined && { body: typed.body }), ...options });
    },
  };
}

/** Logs a demo parent in through the real two-step flow, reading the code from the local outbox. */
export async function loginParent(runtime: LocalRuntime, parent: { iin: string; phone: string }): Promise<Client> {
  const parentClient = client(runtime.url);
  const sent = await parentClient.call('POST /api/auth/parent/code', { body: { iin: parent.iin } });
  if (sent.status !== 202) throw new Error(`code request answered ${sent.status}`);
  const code = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)?.text ?? '')?.[0];
  if (!code) throw new Error('no code in the outbox');
  const verified = await parentClient.call('POST /api/auth/parent/session', { body: { iin: parent.iin, code } });
  if (verified.status !== 200) throw new Error(`code verification answered ${verified.status}`);
  return parentClient;
}

/** A staff account's second factor as stored (the secret, the last accepted time step), read from the runtime's table. */
export async function storedSecondFactor(runtime: Pick<LocalRuntime, 'tableNames'>, login: string): Promise<{ secret: string; lastStep: number | undefined }> {
  const { Item } = await dynamoDocumentClient().send(
    new GetCommand({ TableName: runtime.tableNames.accounts, Key: { accountId: staffAccountId(login) }, ConsistentRead: true }),
  );
  if (typeof Item?.totpSecret !== 'string') throw new Error(`${login} has no second factor`);
  return { secret: Item.totpSecret, lastStep: Item.totpLastStep as number | undefined };
}

/**
 * A code the API accepts now for the account, as its holder would type it: the code their phone
 * shows now, or the next step's when this step's was used already (the API takes now ± 1 step). A code is
 * good once, so when a test has used the window up (a fourth login within a few seconds, or a
 * clock set back), the holder uses a recovery code instead: one is added to the account's set for
 * the test (its hash, as enrolment stores them), so the runtime's clock is never moved.
 */
export async function nextStaffCode(runtime: Pick<LocalRuntime, 'tableNames' | 'clock'>, login: string): Promise<string> {
  const { secret, lastStep } = await storedSecondFactor(runtime, login);
  const current = totpStep(runtime.clock.now());
  // Not the step before now: the server may already be one step further when the request arrives.
  const earliest = Math.max(current, (lastStep ?? -Infinity) + 1);
  if (earliest <= current + totpWindow) return totpCodeAt(secret, earliest);
  const { codes, hashes } = newRecoveryCodes();
  await dynamoDocumentClient().send(
    new UpdateCommand({
      TableName: runtime.tableNames.accounts,
      Key: { accountId: staffAccountId(login) },
      UpdateExpression: 'ADD recoveryCodes :code',
      ExpressionAttributeValues: { ':code': new Set([hashes[0]!]) },
    }),
  );
  return codes[0]!;
}

/**
 * Uses a one-time link as its holder does on the set-password page: asks for the second factor's
 * secret, then sets the password with a current code of it. The answer of the password request.
 */
export async function setStaffPasswordWithLink(runtime: Pick<LocalRuntime, 'url' | 'clock'>, token: string, password: string, language?: string): Promise<{ status: number; body: any; headers: Headers }> {
  const anonymous = client(runtime.url);
  const enrolment = await anonymous.call('POST /api/auth/staff/enrolment', { body: { token } }, { language });
  if (enrolment.status !== 200) return enrolment;
  const code = totpCodeAt(enrolment.body.secret as string, totpStep(runtime.clock.now()));
  return anonymous.call('POST /api/auth/staff/password', { body: { token, password, code } }, { language });
}

/**
 * The first `count` of `candidates` (the seed's parents, in order) with an application waiting for a
 * confirmation in the running campaign, each logged in.
 */
export async function parentsAwaitingConfirmation(
  runtime: LocalRuntime,
  count: number,
  candidates: readonly { iin: string; phone: string }[] = runtime.seed!.data.parents,
): Promise<{ client: Client; iin: string; phone: string }[]> {
  const found: { client: Client; iin: string; phone: string }[] = [];
  for (const candidate of candidates) {
    if (found.length === count) break;
    const client = await loginParent(runtime, candidate);
    const cabinet = await client.call('GET /api/cabinet/applications');
    if (cabinet.body.applications.some((a: { confirmationNeeded: boolean }) => a.confirmationNeeded)) found.push({ client, iin: candidate.iin, phone: candidate.phone });
  }
  return found;
}

export async function loginStaff(runtime: LocalRuntime, account: { login: string; password: string } = runtime.seed!.data.staff): Promise<Client> {
  const staffClient = client(runtime.url);
  const { login, password } = account;
  const code = await nextStaffCode(runtime, login);
  const answer = await staffClient.call('POST /api/auth/staff/session', { body: { login, password, code } });
  if (answer.status !== 200) throw new Error(`staff login answered ${answer.status}`);
  return staffClient;
}

/**
 * Runs every job that is due, repeatedly, until none is left (jobs may enqueue jobs). Fails when
 * jobs are still due after ten rounds: a job that keeps scheduling itself is a bug to see, not to
 * wait out.
 */
export async function settle(runtime: { pollSchedules(): Promise<string[]> }, rounds = 10): Promise<void> {
  let ran: string[] = [];
  for (let round = 0; round < rounds; round++) {
    ran = await runtime.pollSchedules();
    if (ran.length === 0) return;
  }
  throw new Error(`jobs still due after ${rounds} rounds: ${ran.join(', ')}`);
}

/**
 * Waits until the aggregation has consumed every answer change made so far (decision 54): the
 * counters are exact from here. Survey counters follow the answers through the answers table's
 * stream, so a test reads them after this (as `settle` does for jobs).
 */
export async function aggregated(runtime: { answerStream: { poll(): Promise<number> } }, rounds = 10): Promise<void> {
  for (let round = 0; round < rounds; round++) if ((await runtime.answerStream.poll()) === 0) return;
  throw new Error(`answer changes still coming after ${rounds} polls`);
}

/** Staff create a campaign that starts now and ends in `days`, start it, and let its start job run; its id. */
export async function startCampaignNow(runtime: LocalRuntime, staff: Client, days = 30): Promise<string> {
  const now = runtime.clock.now();
  const created = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + days * 86_400_000).toISOString() } });
  if (created.status !== 201) throw new Error(`campaign creation answered ${created.status}`);
  const campaignId = created.body.campaign.campaignId as string;
  const started = await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId } });
  if (started.status !== 202) throw new Error(`campaign start answered ${started.status}`);
  await settle(runtime);
  return campaignId;
}

/**
 * Moves the runtime's clock forward to 10:00 in Kazakhstan (UTC+5) when it is outside the default
 * SMS hours (09:00–21:00, with an hour's margin), so a test that counts SMS sent at once passes
 * whatever the time of day it runs.
 */
export function toDaytime(runtime: { clock: { now(): Date; set(at: Date): void } }): void {
  const now = runtime.clock.now();
  const hourInKazakhstan = (now.getUTCHours() + 5) % 24;
  if (hourInKazakhstan >= 9 && hourInKazakhstan < 20) return;
  const tenOClock = new Date(now);
  tenOClock.setUTCHours(5, 0, 0, 0);
  if (tenOClock <= now) tenOClock.setUTCDate(tenOClock.getUTCDate() + 1);
  runtime.clock.set(tenOClock);
}
