import { randomUUID } from 'node:crypto';
import { e164Pattern, publishMaxBytes, smsMaxCharacters, type Announcement, type Notifier, type SmsMessage } from '#ports/notifier';

export interface OutboxEntry extends SmsMessage {
  readonly channel: 'sms';
  /** As SNS answers `Publish`: the id its delivery receipt names. */
  readonly messageId: string;
  readonly sentAt: string;
}

/** Masks all but the last four digits: the console is a log, and phone numbers stay out of logs. */
export function maskPhone(phone: string): string {
  return phone.replace(/\d(?=\d{4})/g, '•');
}

/**
 * SNS's answer to a request it refuses, shaped as the SDK's `InvalidParameterException` without
 * importing the client (local adapters stay out of the vendor layer); never with the phone number.
 */
function invalidParameter(what: string): Error {
  return Object.assign(new Error(`Invalid parameter: ${what}`), { name: 'InvalidParameterException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * The local stand-in for SNS: keeps every message in an outbox (for the demo and for tests)
 * and prints it with the phone number masked. It refuses what SNS refuses (`InvalidParameterException`):
 * an SMS over 1,600 characters or to a number not in E.164, an announcement over 256 KB.
 */
export class LocalNotifier implements Notifier {
  readonly outbox: OutboxEntry[] = [];

  constructor(
    private readonly print: (line: string) => void = (line) => console.log(line),
    private readonly now: () => Date = () => new Date(),
    /** Keeps memory bounded in a long-running demo (a campaign start texts every applicant). */
    private readonly capacity = 20_000,
    /**
     * Simulated delivery receipts: the share of SMS whose receipt says `FAILURE` (0 to 1), and the
     * draw that decides (a test passes its own, for a known outcome).
     */
    readonly receipts: { failureRate: number; draw?: () => number } = { failureRate: 0 },
  ) {}

  private receiptLines: string[] = [];

  /**
   * The delivery-status log lines of the SMS sent since the last call, as SNS writes them to
   * CloudWatch Logs (`notification.messageId`, `status`, `delivery.providerResponse`); the local
   * runtime hands them to the receipt recorder as a log subscription would.
   */
  takeReceiptLines(): string[] {
    const lines = this.receiptLines;
    this.receiptLines = [];
    return lines;
  }

  private burstStartedAt = 0;
  private burstCount = 0;

  /** Prints the first few lines of a burst (a campaign start sends thousands), then one summary. */
  private printThrottled(line: string): void {
    const now = Date.now();
    if (now - this.burstStartedAt > 2000) {
      if (this.burstCount > 5) this.print(`[sms] … and ${this.burstCount - 5} more in the outbox`);
      this.burstStartedAt = now;
      this.burstCount = 0;
    }
    if (++this.burstCount <= 5) this.print(line);
  }

  async sendSms(message: SmsMessage): Promise<{ messageId: string }> {
    if (!e164Pattern.test(message.phone)) throw invalidParameter('PhoneNumber Reason: not a valid E.164 number');
    const characters = [...message.text].length;
    if (characters === 0) throw invalidParameter('Empty message');
    if (characters > smsMaxCharacters) throw invalidParameter(`Message too long (${characters} characters; an SMS Publish takes at most ${smsMaxCharacters})`);
    const messageId = randomUUID();
    this.outbox.push({ ...message, channel: 'sms', messageId, sentAt: this.now().toISOString() });
    if (this.outbox.length > this.capacity) this.outbox.shift();
    this.printThrottled(`[sms → ${maskPhone(message.phone)}] ${message.text}`);
    const failed = (this.receipts.draw ?? Math.random)() < this.receipts.failureRate;
    this.receiptLines.push(
      JSON.stringify({
        notification: { messageId, timestamp: this.now().toISOString().replace('T', ' ').replace('Z', '') },
        delivery: { destination: message.phone, smsType: 'Transactional', providerResponse: failed ? 'Phone is currently unreachable/unavailable' : 'Message has been accepted by phone carrier', dwellTimeMs: 100 },
        status: failed ? 'FAILURE' : 'SUCCESS',
      }),
    );
    if (this.receiptLines.length > this.capacity) this.receiptLines.shift();
    return { messageId };
  }

  readonly announcements: (Announcement & { readonly sentAt: string })[] = [];

  async announce(announcement: Announcement): Promise<void> {
    // As the SNS adapter publishes it: the subject cut to 99 characters, the tenant and the language as attributes.
    const attributes = utf8Bytes('tenantId') + utf8Bytes('String') + utf8Bytes(announcement.tenantId) + utf8Bytes('language') + utf8Bytes('String') + utf8Bytes(announcement.language);
    const bytes = utf8Bytes(announcement.message) + utf8Bytes(announcement.subject.slice(0, 99)) + attributes;
    if (bytes > publishMaxBytes) throw invalidParameter(`Message too long (${bytes} bytes with subject and attributes; at most ${publishMaxBytes})`);
    this.announcements.push({ ...announcement, sentAt: this.now().toISOString() });
    if (this.announcements.length > this.capacity) this.announcements.shift();
    this.print(`[announcement ${announcement.tenantId} ${announcement.language}] ${announcement.subject}`);
  }

  /** The latest message sent to a phone number, if any. */
  lastTo(phone: string): OutboxEntry | undefined {
    return this.outbox.findLast((entry) => entry.phone === phone);
  }
}
