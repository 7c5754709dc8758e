/**
 * Messages that leave the system. In AWS: SNS (SMS by direct publish, announcements to a
 * topic); locally: `LocalNotifier`, which prints and keeps an outbox.
 */
import type { Language } from '#domain/language';

export interface SmsMessage {
  /** E.164, e.g. `+77011234567`. */
  readonly phone: string;
  readonly text: string;
}

/** A public announcement of a tenant (the campaign start), on the tenant's announcement channel, in one language. */
export interface Announcement {
  readonly tenantId: string;
  /** Subscribers filter on it (and on `tenantId`) to read one language. */
  readonly language: Language;
  readonly subject: string;
  readonly message: string;
}

export interface Notifier {
  /** The provider's id of the message (SNS `MessageId`): its delivery receipt names it. */
  sendSms(message: SmsMessage): Promise<{ readonly messageId: string }>;
  announce(announcement: Announcement): Promise<void>;
}

/**
 * What SNS accepts, so the local notifier refuses the same messages. Source: Amazon SNS API
 * Reference, `Publish` (`Message`): "The total size limit for a single SMS Publish action is
 * 1,600 characters"; other messages at most 256 KB (262,144 bytes, UTF-8), attributes included.
 */
export const smsMaxCharacters = 1_600;
export const publishMaxBytes = 262_144;
/** Amazon SNS API Reference, `Publish` (`PhoneNumber`): E.164. */
export const e164Pattern = /^\+[1-9]\d{1,14}$/;
