import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tables, type TableKey } from '#functions/tables';
import { overrideDependencies, resetDependencies } from '#adapters/dependencies';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { LocalNotifier } from '#adapters/local/local-notifier';
import { LocalMailer } from '#adapters/local/local-mailer';
import { LocalScheduler } from '#adapters/local/local-scheduler';
import { LocalDeliveryQueue } from '#adapters/local/local-delivery-queue';
import { senderSettings } from '#ports/delivery-queue';
import { deliveryRunner, mailReceiptRunner, receiptRunner } from './delivery-runner.ts';
import { LocalFileStore } from '#adapters/local/local-file-store';
import { StaticOriginSecrets } from '#adapters/local/static-origin-secrets';
import { LocalClock } from './clock.ts';
import { enforceTableGrants, grantChecked } from './grants.ts';
import { jobRunner, startSchedulePoller } from './job-runner.ts';
import { scaledTimeoutMs } from './lambda-timeout.ts';
import { jobFor } from '#functions/jobs/jobs';
import { startDynamoDbLocal } from './dynamodb-local.ts';
import { ensureTables, localTableNames } from './tables.ts';
import { seedDemoTenant, type SeedResult } from './seed.ts';
import { startLocalServer } from './server.ts';
import { TransactionConflictEmulator, type TransactionConflictOptions } from './transaction-conflicts.ts';
import { LocalStreamRunner } from './stream-runner.ts';

export const repositoryRoot = resolve(import.meta.dirname, '..');

export interface LocalRuntimeOptions {
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** A directory for DynamoDB Local's files, or `memory` (tests). */
  readonly data: string | 'memory';
  /** Demo applications to seed on first start (default 5,200); `false` seeds nothing. */
  readonly seed?: { readonly applicationCount?: number } | false;
  readonly log?: (line: string) => void;
  readonly webRoot?: string;
  /** How often due schedules are looked for (default 1 s). */
  readonly schedulerIntervalMs?: number;
  /** Multiplies the abuse limits (1, as in AWS, unless a test suite logs in hundreds of parents from one address). */
  readonly rateLimitScale?: number;
  /**
   * DynamoDB's transaction conflicts, which DynamoDB Local never raises (local/transaction-conflicts.ts):
   * on unless `false`; by default an item stays contended for 5 ms after its transaction commits.
   */
  readonly transactionConflicts?: TransactionConflictOptions | false;
  /**
   * The local stand-in for the origin secret CloudFront sends in `x-kezek-origin-verify`: only a
   * request that carries it has its `CloudFront-Viewer-Address` believed. Defaults to
   * `KEZEK_LOCAL_ORIGIN_SECRET`, else a random value per start (no forged address is believed).
   */
  readonly originSecret?: string;
  /**
   * An in-memory DynamoDB Local already running (the test suite shares one, started once and warm):
   * the runtime makes its own tables under `tablePrefix` and deletes them when it stops. Only
   * with `data: 'memory'`.
   */
  readonly sharedDynamo?: { readonly endpoint: string; readonly tablePrefix: string };
  /**
   * Multiplies every job's Lambda timeout (default `KEZEK_JOB_TIMEOUT_SCALE`, else 1 as in AWS): a
   * test lowers it to see jobs hand over to continuations at a small size (decision 42).
   */
  readonly jobTimeoutScale?: number;
  /**
   * A smaller page for the jobs that page through the queue (the start, the close, the positions;
   * `PagedTask`): a test lowers it with `jobTimeoutScale`, so a few hundred applications hand over
   * several times and no single page can run past the lowered limit. Default: each job's own.
   */
  readonly jobPageSize?: number;
  /**
   * Whether the API says it runs locally (`KEZEK_LOCAL_RUNTIME`, which the CDK never sets), so the
   * console offers its demo-only controls: true unless `false`, which a test sets to see the
   * console as deployed.
   */
  readonly localRuntime?: boolean;
  /**
   * The sender's rate in SMS per second (default `KEZEK_SMS_RATE_PER_SECOND`, else 0: no pacing
   * locally, where SMS cost nothing); the bench scales it down to measure the start against it.
   */
  readonly smsRatePerSecond?: number;
  /** The share of simulated SMS receipts that say the SMS failed (default `KEZEK_SMS_FAILURE_RATE`, else 0). */
  readonly smsReceiptFailureRate?: number;
  /**
   * Whether the sender takes the outbox's queue (true unless `false`). A test about something else
   * than SMS (thousands of submissions, a killed close) switches it off, as an SQS event source
   * can be disabled: the deliveries stay queued (`deliveries.depth`), nothing is sent or receipted.
   */
  readonly smsSender?: false;
  /**
   * Where the local mailer writes each e-mail as an `.eml` file (default `KEZEK_MAIL_DIR`, else
   * `.local/mail` beside the data when kept on disk, else a fresh temporary folder).
   */
  readonly mailDirectory?: string;
  /** The share of simulated e-mail receipts that are bounces (default `KEZEK_MAIL_FAILURE_RATE`, else 0). */
  readonly mailReceiptFailureRate?: number;
}

export interface LocalRuntime {
  readonly url: string;
  readonly dynamoEndpoint: string;
  readonly tableNames: Record<TableKey, string>;
  /** The prefix of those names (`kezek`, or a shared engine's per-runtime prefix). */
  readonly tablePrefix: string;
  readonly notifier: LocalNotifier;
  /** The local SES: `.eml` files in `mailer.directory`, and an outbox for tests. */
  readonly mailer: LocalMailer;
  readonly scheduler: LocalScheduler;
  /** The outbox's queue to the sender (SQS in AWS), drained by each poll after the due schedules. */
  readonly deliveries: LocalDeliveryQueue;
  readonly clock: LocalClock;
  /** The transaction-conflict emulation and its counts, unless switched off. */
  readonly transactionConflicts: TransactionConflictEmulator | undefined;
  /** The origin secret this runtime accepts (see `LocalRuntimeOptions.originSecret`). */
  readonly originSecret: string;
  /**
   * The answers table's stream and its consumer, the aggregation (decision 54): polled in the
   * background and by every `pollSchedules`, so `settle` waits until the counters have caught up.
   */
  readonly answerStream: LocalStreamRunner;
  /** Runs due schedules now rather than at the next poll (tests), then hands the queues and streams to their consumers. */
  pollSchedules(): Promise<string[]>;
  readonly seed: SeedResult | undefined;
  stop(): Promise<void>;
}

/**
 * The whole system on one machine: DynamoDB Local, the tables of `functions/tables.ts`, the demo
 * tenant, and the route table's handlers behind a local HTTP server with the built web app.
 * Environment is set the way the CDK sets it for the Lambda functions.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.sharedDynamo && options.data !== 'memory') throw new Error('a shared DynamoDB Local holds in-memory data only');
  const dynamo = options.sharedDynamo ? sharedEngine(options.sharedDynamo) : await startDynamoDbLocal({ data: options.data });
  try {
    const tablePrefix = options.sharedDynamo?.tablePrefix ?? 'kezek';
    const tableNames = localTableNames(tablePrefix);
    Object.assign(process.env, {
      AWS_REGION: process.env.AWS_REGION ?? 'eu-central-1',
      // DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      COOKIE_SECURE: 'false',
      RATE_LIMIT_SCALE: String(options.rateLimitScale ?? 1),
      NOTIFIER: 'local',
      POWERTOOLS_SERVICE_NAME: 'kezek',
      // The Lambda functions run on Node 22; the SDK's notice about local Node 20 is in the README.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      KEZEK_LOCAL_RUNTIME: String(options.localRuntime !== false),
      SMS_RATE_PER_SECOND: String(options.smsRatePerSecond ?? Number(process.env.KEZEK_SMS_RATE_PER_SECOND ?? 0)),
      ...Object.fromEntries(Object.entries(tables).map(([key, def]) => [def.envVar, tableNames[key as TableKey]])),
    });
    // Forget clients of an earlier runtime in this process (tests) before making new ones.
    resetDependencies();
    const clock = new LocalClock();
    const notifier = new LocalNotifier(log, clock.now, undefined, { failureRate: options.smsReceiptFailureRate ?? Number(process.env.KEZEK_SMS_FAILURE_RATE ?? 0) });
    const deliveries = new LocalDeliveryQueue(clock.now, { visibilityTimeoutSeconds: senderSettings.visibilityTimeoutSeconds, maxReceives: senderSettings.maxReceives });
    const jobTimeoutScale = options.jobTimeoutScale ?? Number(process.env.KEZEK_JOB_TIMEOUT_SCALE ?? 1);
    // A claimed job is leased for its timeout and a minute: one whose process died runs again then.
    const scheduler = new LocalScheduler(dynamoDocumentClient(), tableNames.schedules, clock.now, undefined, (task) => scaledTimeoutMs(jobFor(task.kind).timeoutSeconds, jobTimeoutScale) + 60_000);
    // Exports: next to the database when it is kept on disk, else in a fresh temporary folder.
    const files = new LocalFileStore(options.data && options.data !== 'memory' ? join(options.data, 'files') : mkdtempSync(join(tmpdir(), 'kezek-files-')), clock.now);
    // Each invocation may touch only what its function is granted in AWS (local/grants.ts).
    const originSecret = options.originSecret ?? process.env.KEZEK_LOCAL_ORIGIN_SECRET ?? randomBytes(24).toString('base64url');
    const originSecrets = new StaticOriginSecrets([originSecret]);
    const mailDirectory =
      options.mailDirectory ?? process.env.KEZEK_MAIL_DIR ?? (options.data && options.data !== 'memory' ? join(repositoryRoot, '.local', 'mail') : mkdtempSync(join(tmpdir(), 'kezek-mail-')));
    const mailer = new LocalMailer(mailDirectory, { print: log, now: clock.now, receipts: { failureRate: options.mailReceiptFailureRate ?? Number(process.env.KEZEK_MAIL_FAILURE_RATE ?? 0) } });
    overrideDependencies({ ...grantChecked({ notifier, scheduler, files, originSecrets, deliveries, mailer }), clock: clock.now });
    enforceTableGrants(dynamoDocumentClient().middlewareStack, tableNames);
    const transactionConflicts = options.transactionConflicts === false ? undefined : new TransactionConflictEmulator(tableNames, options.transactionConflicts ?? { windowMs: 5 });
    transactionConflicts?.attachTo(dynamoDocumentClient().middlewareStack);

    // `npm run department -- add --endpoint local` finds this runtime's DynamoDB Local here (its port is free-picked).
    if (options.data !== 'memory') writeFileSync(join(options.data, 'dynamodb-endpoint'), `${dynamo.endpoint}\n`);
    const rawClient = new DynamoDBClient({ endpoint: dynamo.endpoint });
    const created = await ensureTables(rawClient, tableNames);
    rawClient.destroy();
    if (created.length > 0) log(`  created tables: ${created.join(', ')}`);

    const seed =
      options.seed === false
        ? undefined
        : await seedDemoTenant(dynamoDocumentClient(), tableNames, { now: new Date(), applicationCount: options.seed?.applicationCount, log });

    const server = await startLocalServer({
      port: options.port,
      webRoot: options.webRoot ?? resolve(repositoryRoot, 'web', 'dist'),
      log,
      files,
      // The dashboard handler reads the same variable in this process.
      mapTileUrl: process.env.MAP_TILE_URL || undefined,
    });
    // SMS name the site where parents act: locally, this server.
    overrideDependencies({ siteUrl: server.url });
    // Each pass runs the due schedules, then drains the delivery queue into the sender and hands
    // the simulated receipts to the receipt recorder (an SQS event source and a log subscription in AWS).
    // The sender keeps its own timeout: `jobTimeoutScale` shortens the jobs that hand over, not a 10-message batch.
    const sendDeliveries = options.smsSender === false ? async () => 0 : deliveryRunner(deliveries, { log });
    const recordReceipts = receiptRunner(notifier);
    const recordMailReceipts = mailReceiptRunner(mailer);
    const answerStream = new LocalStreamRunner({ endpoint: dynamo.endpoint, tableName: tableNames.answers, log, timeoutScale: jobTimeoutScale });
    answerStream.start();
    const afterSchedules = async () => {
      const aggregated = await answerStream.poll();
      const sent = await sendDeliveries();
      const receipts = await recordReceipts();
      const mailReceipts = await recordMailReceipts();
      return [
        ...(aggregated > 0 ? [`answer-aggregator(${aggregated})`] : []),
        ...(sent > 0 ? [`sms-sender(${sent})`] : []),
        ...(receipts > 0 ? [`sms-receipts(${receipts})`] : []),
        ...(mailReceipts > 0 ? [`email-receipts(${mailReceipts})`] : []),
      ];
    };
    const poller = startSchedulePoller(scheduler, { intervalMs: options.schedulerIntervalMs ?? 1000, log, run: jobRunner({ timeoutScale: jobTimeoutScale, ...(options.jobPageSize !== undefined && { pageSize: options.jobPageSize }) }), after: afterSchedules });
    return {
      url: server.url,
      dynamoEndpoint: dynamo.endpoint,
      tableNames,
      tablePrefix,
      notifier,
      mailer,
      scheduler,
      deliveries,
      clock,
      transactionConflicts,
      originSecret,
      answerStream,
      pollSchedules: poller.poll,
      seed,
      async stop() {
        await poller.stop();
        await answerStream.stop();
        await server.close();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

/** An engine this runtime did not start: stopping the runtime drops its tables and leaves the engine running. */
function sharedEngine(shared: { readonly endpoint: string; readonly tablePrefix: string }) {
  return {
    endpoint: shared.endpoint,
    async stop() {
      const client = new DynamoDBClient({ endpoint: shared.endpoint });
      try {
        await Promise.all(Object.values(localTableNames(shared.tablePrefix)).map((name) => client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined)));
      } finally {
        client.destroy();
      }
    },
  };
}
