/**
 * Messages that leave the system. In AWS: SNS (SMS by direct publish, announcements to a
 * topic); locally: `LocalNotifier`, which prints and keeps an outbox.
 */
export interface SmsMessage {
  /** E.164, e.g. `+77011234567`. */
  readonly phone: string;
  readonly text: string;
}

export interface Notifier {
  sendSms(message: SmsMessage): Promise<void>;
}
