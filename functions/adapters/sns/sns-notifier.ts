import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Notifier, SmsMessage } from '#ports/notifier';

/** SMS by SNS direct publish to a phone number (transactional: login codes must arrive). */
export class SnsNotifier implements Notifier {
  constructor(private readonly client: SNSClient) {}

  async sendSms(message: SmsMessage): Promise<void> {
    await this.client.send(
      new PublishCommand({
        PhoneNumber: message.phone,
        Message: message.text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'kezek' },
        },
      }),
    );
  }
}
