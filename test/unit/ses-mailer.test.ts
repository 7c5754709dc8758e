import { SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import type { SNSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '#adapters/ses/ses-mailer';
import { receiptsOfSesEvent } from '#adapters/ses/ses-events';

const sesMock = mockClient(SESv2Client);

describe('SesMailer', () => {
  beforeEach(() => {
    sesMock.reset();
  });

  it('should send through SES v2 from the configured address and configuration set, in UTF-8', async () => {
    // Prepare
    sesMock.on(SendEmailCommand).resolves({ MessageId: '0100018c-ses-1' });
    const mailer = new SesMailer(new SESv2Client({ region: 'eu-central-1' }), { fromAddress: 'no-reply@kezek.example.kz', configurationSet: 'kezek-prod-mail' });

    // Act
    const sent = await mailer.send({ to: 'parent@example.kz', subject: 'Подтвердите почту', text: 'Ссылка', html: '<p>Ссылка</p>' });

    // Assess
    expect(sent).toEqual({ messageId: '0100018c-ses-1' });
    const calls = sesMock.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      FromEmailAddress: 'no-reply@kezek.example.kz',
      Destination: { ToAddresses: ['parent@example.kz'] },
      ConfigurationSetName: 'kezek-prod-mail',
      Content: {
        Simple: {
          Subject: { Data: 'Подтвердите почту', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Ссылка', Charset: 'UTF-8' }, Html: { Data: '<p>Ссылка</p>', Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('should let a throttled send propagate (the sender retries it with backoff)', async () => {
    // Prepare
    sesMock.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'Maximum sending rate exceeded', $metadata: { httpStatusCode: 429 } }));
    const mailer = new SesMailer(new SESv2Client({ region: 'eu-central-1' }), { fromAddress: 'no-reply@kezek.example.kz', configurationSet: 'kezek-prod-mail' });

    // Act
    const result = mailer.send({ to: 'parent@example.kz', subject: 'x', text: 'x' });

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'TooManyRequestsException' });
  });
});

describe('SES events from the configuration set', () => {
  const record = (message: unknown): SNSEvent['Records'][number] => ({
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: 'arn:aws:sns:eu-central-1:1:mail-events:1',
    Sns: { Type: 'Notification', MessageId: 'n', TopicArn: 'arn:aws:sns:eu-central-1:1:mail-events', Subject: '', Message: JSON.stringify(message), Timestamp: '2026-12-07T05:00:09.000Z', SignatureVersion: '1', Signature: '', SigningCertUrl: '', UnsubscribeUrl: '', MessageAttributes: {} },
  });

  it('should read a delivery, a permanent bounce and a complaint as receipts, and skip a transient bounce and other events', () => {
    // Prepare
    const event: SNSEvent = {
      Records: [
        record({ eventType: 'Delivery', mail: { messageId: 'm-1', destination: ['a@example.kz'] }, delivery: { timestamp: '2026-12-07T05:00:01.000Z' } }),
        record({ eventType: 'Bounce', mail: { messageId: 'm-2' }, bounce: { bounceType: 'Permanent', bounceSubType: 'NoEmail', timestamp: '2026-12-07T05:00:02.000Z', bouncedRecipients: [{ emailAddress: 'b@example.kz' }] } }),
        record({ eventType: 'Complaint', mail: { messageId: 'm-3' }, complaint: { complaintFeedbackType: 'abuse', timestamp: '2026-12-07T05:00:03.000Z' } }),
        record({ eventType: 'Bounce', mail: { messageId: 'm-4' }, bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull' } }),
        record({ eventType: 'Send', mail: { messageId: 'm-5' } }),
      ],
    };

    // Act
    const receipts = receiptsOfSesEvent(event);

    // Assess: the reasons name the kind of failure, never the address
    expect(receipts).toEqual([
      { messageId: 'm-1', status: 'delivered', at: '2026-12-07T05:00:01.000Z' },
      { messageId: 'm-2', status: 'failed', at: '2026-12-07T05:00:02.000Z', reason: 'bounce: Permanent/NoEmail' },
      { messageId: 'm-3', status: 'failed', at: '2026-12-07T05:00:03.000Z', reason: 'complaint: abuse' },
    ]);
  });
});
