import type { SNSClient } from '@aws-sdk/client-sns';
import type { Announcement, Notifier, SmsMessage } from '#ports/notifier';

/**
 * SMS by SNS direct publish to a phone number (transactional: login codes must arrive). The SDK's
 * commands are imported when first sent (see `lazy.ts`): a bundle's cold start does not load them.
 */
export class SnsNotifier implements Notifier {
  constructor(
    private readonly client: SNSClient,
    /** The announcements topic; subscribers filter by the `tenantId` and `language` message attributes. */
    private readonly announcementsTopicArn?: string,
  ) {}

  async announce(announcement: Announcement): Promise<void> {
    if (!this.announcementsTopicArn) throw new Error('ANNOUNCEMENTS_TOPIC_ARN is not set: this function has no announce grant');
    const { PublishCommand } = await import('@aws-sdk/client-sns');
    await this.client.send(
      new PublishCommand({
        TopicArn: this.announcementsTopicArn,
        Subject: announcement.subject.slice(0, 99),
        Message: announcement.message,
        MessageAttributes: { tenantId: { DataType: 'String', StringValue: announcement.tenantId }, language: { DataType: 'String', StringValue: announcement.language } },
      }),
    );
  }

  async sendSms(message: SmsMessage): Promise<{ messageId: string }> {
    const { PublishCommand } = await import('@aws-sdk/client-sns');
    const { MessageId } = await this.client.send(
      new PublishCommand({
        PhoneNumber: message.phone,
        Message: message.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'kezek' },
        },
      }),
    );
    return { messageId: MessageId ?? '' };
  }
}
