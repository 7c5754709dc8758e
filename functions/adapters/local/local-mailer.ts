import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mailDisabled, mailLimits, recipientsOf, type Mailer, type MailMessage } from '#ports/mailer';

export interface MailOutboxEntry {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** As SES answers `SendEmail`: the id its events name. */
  readonly messageId: string;
  readonly sentAt: string;
  /** The `.eml` file written for it. */
  readonly file: string;
}

/**
 * SES's answer to a request it refuses (`BadRequestException`, `MessageRejected`), shaped as the
 * SDK's error without importing the client (local adapters stay out of the vendor layer).
 */
function refused(name: 'BadRequestException' | 'MessageRejected', what: string): Error {
  return Object.assign(new Error(what), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

/** An RFC 2047 encoded-word (UTF-8, base64) for a header that is not plain ASCII. */
const encodedWord = (value: string) => (/^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`);
/** Base64 body lines of at most 76 characters (RFC 2045 §6.8). */
const base64Lines = (value: string) => (Buffer.from(value, 'utf8').toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
/** Only the domain of an address: what the console prints (an address is personal data, never logged). */
const domainOf = (address: string) => `…@${address.slice(address.lastIndexOf('@') + 1)}`;

/**
 * The local stand-in for SES: each message becomes an `.eml` file (RFC 5322 headers, a MIME body
 * in UTF-8) in `directory`, which `npm start` prints, so a developer opens it in any mail client;
 * it is also kept in `outbox` for tests. It refuses what SES refuses: no or more than 50
 * recipients, an address that is not one, a subject with a line break, a message over 40 MB.
 * Receipts are simulated as SES's configuration set publishes them on SNS (`Delivery`, or a
 * permanent `Bounce` for the `failureRate` share), which the local runtime hands to the receipt recorder.
 */
export class LocalMailer implements Mailer {
  readonly outbox: MailOutboxEntry[] = [];
  private events: string[] = [];
  /** Simulated receipts: the share of mails whose event is a permanent bounce (0 to 1), and the draw that decides (a test sets its own). */
  readonly receipts: { failureRate: number; draw?: () => number };

  constructor(
    readonly directory: string,
    private readonly options: {
      readonly from?: string;
      readonly print?: (line: string) => void;
      readonly now?: () => Date;
      /** The share of mails whose receipt is a bounce (0 to 1), and the draw that decides. */
      readonly receipts?: { failureRate: number; draw?: () => number };
      /** No mail domain configured: every message is refused as `MailDisabled` (as the deployed functions without `mailDomain`). */
      readonly disabled?: boolean;
      readonly capacity?: number;
    } = {},
  ) {
    this.receipts = options.receipts ?? { failureRate: 0 };
  }

  private now = () => (this.options.now ?? (() => new Date()))();

  async send(message: MailMessage): Promise<{ messageId: string }> {
    if (this.options.disabled) throw Object.assign(new Error('e-mail is not configured (no mail domain)'), { name: mailDisabled });
    const to = recipientsOf(message);
    if (to.length === 0) throw refused('BadRequestException', 'Missing required destination');
    if (to.length > mailLimits.maxRecipients) throw refused('MessageRejected', `Too many recipients (${to.length}; at most ${mailLimits.maxRecipients})`);
    if (to.some((address) => !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address) || address.length > 254)) throw refused('BadRequestException', 'Illegal address');
    // SES does not support SMTPUTF8: an address is 7-bit ASCII (a domain in another script goes as Punycode)
    if (to.some((address) => /[^\x00-\x7f]/.test(address))) throw refused('BadRequestException', 'Illegal address: not 7-bit ASCII (SMTPUTF8 is not supported)');
    if (/[\r\n]/.test(message.subject)) throw refused('BadRequestException', 'Illegal header: the subject has a line break');
    if (message.subject.length === 0) throw refused('BadRequestException', 'Missing subject');
    const messageId = `${randomUUID()}-local`;
    const sentAt = this.now();
    const eml = this.eml(message, to, messageId, sentAt);
    const bytes = Buffer.byteLength(eml, 'utf8');
    if (bytes > mailLimits.maxMessageBytes) throw refused('MessageRejected', `Message too long (${bytes} bytes; at most ${mailLimits.maxMessageBytes})`);
    mkdirSync(this.directory, { recursive: true });
    const file = join(this.directory, `${sentAt.toISOString().replace(/[:.]/g, '-')}-${messageId.slice(0, 8)}.eml`);
    writeFileSync(file, eml);
    this.outbox.push({ to, subject: message.subject, text: message.text, ...(message.html !== undefined && { html: message.html }), messageId, sentAt: sentAt.toISOString(), file });
    if (this.outbox.length > (this.options.capacity ?? 20_000)) this.outbox.shift();
    this.options.print?.(`[mail → ${to.map(domainOf).join(', ')}] ${message.subject} (${file})`);
    const failed = (this.receipts.draw ?? Math.random)() < this.receipts.failureRate;
    const at = this.now().toISOString();
    this.events.push(
      JSON.stringify(
        failed
          ? { eventType: 'Bounce', mail: { messageId, timestamp: sentAt.toISOString() }, bounce: { bounceType: 'Permanent', bounceSubType: 'General', timestamp: at } }
          : { eventType: 'Delivery', mail: { messageId, timestamp: sentAt.toISOString() }, delivery: { timestamp: at, processingTimeMillis: 100 } },
      ),
    );
    return { messageId };
  }

  /** SES's events since the last call, as its configuration set publishes them (the SNS message bodies). */
  takeEvents(): string[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** The latest message to an address, if any. */
  lastTo(address: string): MailOutboxEntry | undefined {
    return this.outbox.findLast((entry) => entry.to.includes(address));
  }

  private eml(message: MailMessage, to: readonly string[], messageId: string, at: Date): string {
    const headers = [
      `From: ${this.options.from ?? 'kezek <no-reply@kezek.localhost>'}`,
      `To: ${to.join(', ')}`,
      `Subject: ${encodedWord(message.subject)}`,
      `Date: ${at.toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <${messageId}@kezek.localhost>`,
      'MIME-Version: 1.0',
    ];
    const part = (type: string, body: string) => [`Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join('\r\n');
    if (message.html === undefined) return `${[...headers, part('text/plain', message.text)].join('\r\n')}\r\n`;
    const boundary = `kezek-${messageId}`;
    return `${[...headers, `Content-Type: multipart/alternative; boundary="${boundary}"`, '', `--${boundary}`, part('text/plain', message.text), `--${boundary}`, part('text/html', message.html), `--${boundary}--`].join('\r\n')}\r\n`;
  }
}
