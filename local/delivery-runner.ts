import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent, Context, SNSEvent, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { LocalDeliveryQueue, ReceivedMessage } from '#adapters/local/local-delivery-queue';
import type { LocalNotifier } from '#adapters/local/local-notifier';
import type { LocalMailer } from '#adapters/local/local-mailer';
import { smsReceipts, smsSender, type ConsumerDefinition } from '#functions/jobs/consumers';
import { forEachLimited } from '#functions/concurrency';
import { senderSettings } from '#ports/delivery-queue';
import { withGrants } from './grants.ts';
import { scaledTimeoutMs, withinTimeout } from './lambda-timeout.ts';
import { lambdaContext } from './server.ts';

type SenderHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
type ReceiptsHandler = (event: CloudWatchLogsEvent, context: Context) => Promise<void>;
type MailReceiptsHandler = (event: SNSEvent, context: Context) => Promise<void>;

/**
 * A consumer's handler. `instance` loads a module of its own (the URL's query makes it a separate
 * module record; what it imports stays shared), as each Lambda instance has its own module state:
 * the sender's pacer holds one instance's share of the rate, so two local workers sharing one
 * module would send at half the rate two instances send in AWS.
 */
const load = async <T>(consumer: ConsumerDefinition, instance?: number): Promise<T> => {
  const url = new URL(`../functions/handlers/${consumer.handler}.ts`, import.meta.url);
  if (instance !== undefined) url.search = `instance=${instance}`;
  return ((await import(/* @vite-ignore */ url.href)) as { handler: T }).handler;
};

/** A received message as the SQS event source hands it to the function. */
function sqsRecord(message: ReceivedMessage, sentAt: number): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle,
    body: message.body,
    attributes: { ApproximateReceiveCount: String(message.receiveCount), SentTimestamp: String(sentAt), SenderId: 'local', ApproximateFirstReceiveTimestamp: String(sentAt) },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:kezek-local-deliveries',
    awsRegion: 'local',
  };
}

/** One invocation of the sender: how long it ran against its limit (what the bench reads). */
export interface SenderInvocation {
  readonly ms: number;
  readonly limitMs: number;
  readonly messages: number;
  readonly outcome: 'completed' | 'failed';
}

const senderInvocationsSeen: SenderInvocation[] = [];

/** The sender invocations since the last `resetSenderInvocations()` (bench only reads them). */
export const senderInvocations = (): readonly SenderInvocation[] => senderInvocationsSeen;
export const resetSenderInvocations = (): void => {
  senderInvocationsSeen.length = 0;
};

export interface DeliveryRunnerOptions {
  /** Multiplies the sender's Lambda timeout (as for jobs). */
  readonly timeoutScale?: number;
  /** Instances at once (the reserved concurrency; default `senderSettings.reservedConcurrency`). */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

/**
 * The local SQS event source of the sender: batches of up to 10 received from the local queue,
 * each handed to the sender's handler with its grants and within its timeout, by as many workers
 * as its reserved concurrency; the messages the handler did not report as failures are deleted.
 * An invocation that fails (or times out) deletes nothing: its messages come back after the
 * visibility timeout, as in AWS. Returns how many messages were handed over.
 */
export function deliveryRunner(queue: LocalDeliveryQueue, options: DeliveryRunnerOptions = {}): () => Promise<number> {
  const timeoutMs = scaledTimeoutMs(smsSender.timeoutSeconds, options.timeoutScale);
  const instances = options.concurrency ?? senderSettings.reservedConcurrency;
  // The instances' modules, loaded once per runner (a repeated import returns the same module,
  // but costs a few milliseconds in the test runner on every pass, an empty one too).
  let loading: Promise<SenderHandler[]> | undefined;
  const loadInstances = () =>
    (loading ??= Promise.all(Array.from({ length: instances }, (_, instance) => load<SenderHandler>(smsSender, instance))).catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  return async () => {
    const handlers = await loadInstances();
    let handed = 0;
    const worker = async (handler: SenderHandler) => {
      for (;;) {
        const batch = await queue.receive(senderSettings.batchSize);
        if (batch.length === 0) return;
        handed += batch.length;
        const event: SQSEvent = { Records: batch.map((m) => sqsRecord(m, Date.now())) };
        const started = performance.now();
        let outcome: SenderInvocation['outcome'] = 'failed';
        try {
          const { batchItemFailures } = await withGrants(smsSender.handler, smsSender.grants, () => withinTimeout(() => handler(event, lambdaContext(smsSender.handler, timeoutMs / 1000)), timeoutMs));
          outcome = 'completed';
          const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
          for (const message of batch) if (!failed.has(message.messageId)) await queue.delete(message.receiptHandle);
        } catch (error) {
          options.log?.(`[sms-sender] invocation failed: ${(error as Error).name}: ${(error as Error).message}`);
        } finally {
          senderInvocationsSeen.push({ ms: performance.now() - started, limitMs: timeoutMs, messages: batch.length, outcome });
        }
      }
    };
    await Promise.all(handlers.map(worker));
    return handed;
  };
}

/** Log events per subscription delivery, and deliveries handled at once (a subscription's batches invoke the function side by side). */
const receiptBatch = { events: 50, concurrent: 4 } as const;

/**
 * The local CloudWatch Logs subscription of the receipt recorder: the local notifier's simulated
 * delivery-status lines, in SNS's format, gzipped and base64-encoded as a subscription delivers
 * them, in batches of up to 50 events, up to 4 invocations at once (each receipt settles its own
 * delivery: no order between them). Returns how many receipts were handed over.
 */
export function receiptRunner(notifier: LocalNotifier): () => Promise<number> {
  return async () => {
    const lines = notifier.takeReceiptLines();
    if (lines.length === 0) return 0;
    const handler = await load<ReceiptsHandler>(smsReceipts);
    const batches: string[][] = [];
    for (let i = 0; i < lines.length; i += receiptBatch.events) batches.push(lines.slice(i, i + receiptBatch.events));
    await forEachLimited(batches, receiptBatch.concurrent, async (batch) => {
      const payload = {
        messageType: 'DATA_MESSAGE',
        owner: '000000000000',
        logGroup: 'sns/local/DirectPublishToPhoneNumber',
        logStream: 'local',
        subscriptionFilters: ['receipts'],
        logEvents: batch.map((message, i) => ({ id: String(i), timestamp: Date.now(), message })),
      };
      const event: CloudWatchLogsEvent = { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
      await withGrants(smsReceipts.handler, smsReceipts.grants, () => handler(event, lambdaContext(smsReceipts.handler, smsReceipts.timeoutSeconds)));
    });
    return lines.length;
  };
}

/**
 * The local SNS subscription of the e-mail receipt recorder: the local mailer's simulated SES
 * events, each in an SNS record as the configuration set's topic delivers them. Returns how many
 * events were handed over.
 */
export function mailReceiptRunner(mailer: LocalMailer): () => Promise<number> {
  return async () => {
    const events = mailer.takeEvents();
    if (events.length === 0) return 0;
    // The same recorder as the SMS receipts (one function in AWS too).
    const handler = await load<MailReceiptsHandler>(smsReceipts);
    const event: SNSEvent = {
      Records: events.map((message, i) => ({
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:local:000000000000:kezek-local-mail-events:local',
        Sns: {
          Type: 'Notification',
          MessageId: `local-${i}`,
          TopicArn: 'arn:aws:sns:local:000000000000:kezek-local-mail-events',
          Subject: '',
          Message: message,
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: {},
        },
      })),
    };
    await withGrants(smsReceipts.handler, smsReceipts.grants, () => handler(event, lambdaContext(smsReceipts.handler, smsReceipts.timeoutSeconds)));
    return events.length;
  };
}
