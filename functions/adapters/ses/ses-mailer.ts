import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { recipientsOf, type Mailer, type MailMessage } from '#ports/mailer';

/**
 * The mailer in AWS: Amazon SES v2 `SendEmail` from the verified domain's address, through the
 * configuration set whose event destination (Delivery, Bounce, Complaint → SNS) feeds the receipt
 * recorder (decision 59). Both names come from the environment the CDK sets.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly settings: { readonly fromAddress: string; readonly configurationSet: string },
  ) {}

  async send(message: MailMessage): Promise<{ messageId: string }> {
    const { SendEmailCommand } = await import('@aws-sdk/client-sesv2');
    const charset = 'UTF-8';
    const { MessageId } = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.settings.fromAddress,
        Destination: { ToAddresses: [...recipientsOf(message)] },
        ConfigurationSetName: this.settings.configurationSet,
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: charset },
            Body: { Text: { Data: message.text, Charset: charset }, ...(message.html !== undefined && { Html: { Data: message.html, Charset: charset } }) },
          },
        },
      }),
    );
    if (!MessageId) throw new Error('SES answered SendEmail without a MessageId');
    return { messageId: MessageId };
  }
}
