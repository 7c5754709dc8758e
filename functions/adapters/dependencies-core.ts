import { jobTargetEnvVar } from './scheduler/job-target.ts';
import { tables, type TableKey } from '#functions/tables';
import type { Dependencies } from '#ports/dependencies';
import type { Notifier } from '#ports/notifier';
import { mailDisabled, type Mailer } from '#ports/mailer';
import type { DeliveryQueue } from '#ports/delivery-queue';
import type { FileStore } from '#ports/files';
import type { Scheduler } from '#ports/scheduler';
import type { OriginSecrets } from '#ports/origin-secrets';
import { lazily } from './lazy.ts';
import { StaticOriginSecrets } from './local/static-origin-secrets.ts';
import { ExtensionOriginSecrets } from './secrets/extension-origin-secrets.ts';
import { withMessageLog } from './notifier-log.ts';
import { traced } from './tracer.ts';

export type { Dependencies };

/** The dependencies that are stores over DynamoDB (`./dynamodb/stores.ts`). */
export type StoreKey = 'tenants' | 'departments' | 'staff' | 'applications' | 'kindergartens' | 'accounts' | 'auth' | 'campaigns' | 'notifications' | 'surveys' | 'unitOfWork' | 'exports' | 'audit';
export type StoreMakers = { readonly [K in StoreKey]: () => Dependencies[K] };

/**
 * The stores, registered by `./dynamodb/stores.ts` when a module imports `#adapters/dependencies`
 * (every function whose route or job grants a table). A function granted none (`health`, `me`,
 * `openapi`) imports this module alone: its start loads neither the stores nor the DynamoDB
 * client (DECISIONS.md 66).
 */
let stores: { readonly makers: StoreMakers; readonly reset: () => void } | undefined;

export function registerStores(makers: StoreMakers, reset: () => void): void {
  stores = { makers, reset };
}

function store<K extends StoreKey>(key: K): Dependencies[K] {
  if (!stores) throw new Error(`no stores in this function (the ${key} store was asked for): a handler that uses a store imports #adapters/dependencies`);
  return stores.makers[key]();
}

/** A function only gets the env vars of the tables it was granted, so each store is made on first use. */
export function tableName(key: TableKey): string {
  const name = process.env[tables[key].envVar];
  if (!name) throw new Error(`${tables[key].envVar} is not set: this function has no grant for the ${tables[key].name} table`);
  return name;
}

/** A rotated origin secret reaches warm functions within this time. */
const originSecretTtlMs = 5 * 60_000;

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function fromEnvironment(): Dependencies {
  const made = new Map<string, unknown>();
  const once = <T>(key: string, make: () => T): T => {
    if (!made.has(key)) made.set(key, make());
    return made.get(key) as T;
  };
  return {
    get tenants() {
      return once('tenants', () => store('tenants'));
    },
    get departments() {
      return once('departments', () => store('departments'));
    },
    get staff() {
      return once('staff', () => store('staff'));
    },
    get applications() {
      return once('applications', () => store('applications'));
    },
    get kindergartens() {
      return once('kindergartens', () => store('kindergartens'));
    },
    get accounts() {
      return once('accounts', () => store('accounts'));
    },
    get notifications() {
      return once('notifications', () => store('notifications'));
    },
    get surveys() {
      return once('surveys', () => store('surveys'));
    },
    get unitOfWork() {
      return once('unitOfWork', () => store('unitOfWork'));
    },
    get campaigns() {
      return once('campaigns', () => store('campaigns'));
    },
    get exports() {
      return once('exports', () => store('exports'));
    },
    get audit() {
      return once('audit', () => store('audit'));
    },
    get files() {
      return once('files', () =>
        lazily<FileStore>(async () => {
          const [{ S3Client }, { S3FileStore }] = await Promise.all([import('@aws-sdk/client-s3'), import('./s3/s3-file-store.ts')]);
          return new S3FileStore(traced(new S3Client({})), requireEnv('EXPORTS_BUCKET'));
        }),
      );
    },
    get auth() {
      return once('auth', () => store('auth'));
    },
    get notifier() {
      return once('notifier', (): Notifier => {
        if (process.env.NOTIFIER !== 'sns') throw new Error('NOTIFIER is not "sns" and no local notifier was installed');
        return withMessageLog(
          lazily<Notifier>(async () => {
            const [{ SNSClient }, { SnsNotifier }] = await Promise.all([import('@aws-sdk/client-sns'), import('./sns/sns-notifier.ts')]);
            return new SnsNotifier(traced(new SNSClient({})), process.env.ANNOUNCEMENTS_TOPIC_ARN);
          }),
        );
      });
    },
    get mailer() {
      return once('mailer', (): Mailer => {
        const fromAddress = process.env.MAIL_FROM_ADDRESS;
        // No mail domain at deploy (decision 59): e-mail is off, and a parent adding an address is told so.
        if (!fromAddress) return { send: async () => Promise.reject(Object.assign(new Error('e-mail is not configured (no mailDomain)'), { name: mailDisabled })) };
        return lazily<Mailer>(async () => {
          const [{ SESv2Client }, { SesMailer }] = await Promise.all([import('@aws-sdk/client-sesv2'), import('./ses/ses-mailer.ts')]);
          return new SesMailer(traced(new SESv2Client({})), { fromAddress, configurationSet: requireEnv('MAIL_CONFIGURATION_SET') });
        });
      });
    },
    get deliveries() {
      return once('deliveries', () =>
        lazily<DeliveryQueue>(async () => {
          const [{ SQSClient }, { SqsDeliveryQueue }] = await Promise.all([import('@aws-sdk/client-sqs'), import('./sqs/sqs-delivery-queue.ts')]);
          return new SqsDeliveryQueue(traced(new SQSClient({})), requireEnv('DELIVERY_QUEUE_URL'));
        }),
      );
    },
    get scheduler() {
      return once('scheduler', () =>
        lazily<Scheduler>(async () => {
          const [{ SchedulerClient }, { LambdaClient }, { EventBridgeScheduler }] = await Promise.all([
            import('@aws-sdk/client-scheduler'),
            import('@aws-sdk/client-lambda'),
            import('./scheduler/eventbridge-scheduler.ts'),
          ]);
          return new EventBridgeScheduler(
            traced(new SchedulerClient({})),
            {
              groupName: requireEnv('SCHEDULE_GROUP_NAME'),
              roleArn: requireEnv('SCHEDULER_ROLE_ARN'),
              deadLetterQueueArn: requireEnv('SCHEDULER_DLQ_ARN'),
              targetArn: (kind) => requireEnv(jobTargetEnvVar(kind)),
            },
            traced(new LambdaClient({})),
          );
        }),
      );
    },
    get originSecrets() {
      return once('originSecrets', (): OriginSecrets => {
        const secretId = process.env.ORIGIN_SECRET_ID;
        // Without a secret (a function not granted it) no request is believed to come through CloudFront.
        if (!secretId) return new StaticOriginSecrets([]);
        return new ExtensionOriginSecrets({ secretId, sessionToken: requireEnv('AWS_SESSION_TOKEN'), ttlMs: originSecretTtlMs, now: Date.now });
      });
    },
    clock: () => new Date(),
    siteUrl: process.env.SITE_URL ?? '',
    cookieSecure: process.env.COOKIE_SECURE !== 'false',
    localRuntime: process.env.KEZEK_LOCAL_RUNTIME === 'true',
    rateLimitScale: Number(process.env.RATE_LIMIT_SCALE ?? '1') || 1,
  };
}

let current: Dependencies | undefined;

export function dependencies(): Dependencies {
  current ??= fromEnvironment();
  return current;
}

/** For the local runtime: start over from the environment (e.g. a new DynamoDB Local endpoint). */
export function resetDependencies(): void {
  stores?.reset();
  current = undefined;
}

/** For the local runtime and tests: replace some dependencies (e.g. the notifier, the clock). */
export function overrideDependencies(overrides: Partial<Dependencies>): void {
  const base = dependencies();
  current = Object.create(base, Object.getOwnPropertyDescriptors(overrides)) as Dependencies;
}
