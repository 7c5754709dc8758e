/**
 * Messages that leave the system. In AWS: SNS (SMS by direct publish, announcements to a
 * topic); locally: `LocalNotifier`, which prints and keeps an outbox.
 */
export interface SmsMessage {
  /** E.164, e.g. `+77011234567`. */
  readonly phone: string;
  readonly text: string;
}

/** A public announcement of a tenant (the campaign start), on the tenant's announcement channel. */
export interface Announcement {
  readonly tenantId: string;
  readonly subject: string;
  /** The text in kk, ru and en, one after the other: subscribers read the language they know. */
  readonly message: string;
}

export interface Notifier {
  sendSms(message: SmsMessage): Promise<void>;
  announce(announcement: Announcement): Promise<void>;
}
