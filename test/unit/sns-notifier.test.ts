import { PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SnsNotifier } from '#adapters/sns/sns-notifier';

const snsMock = mockClient(SNSClient);

describe('SnsNotifier', () => {
  beforeEach(() => {
    snsMock.reset();
  });

  it('should publish the SMS directly to the phone number as a transactional message', async () => {
    // Prepare
    snsMock.on(PublishCommand).resolves({ MessageId: 'message-1' });
    const notifier = new SnsNotifier(new SNSClient({ region: 'eu-central-1' }));

    // Act
    const sent = await notifier.sendSms({ phone: '+77011234567', text: 'kezek: код входа 123456' });

    // Assess: SNS's message id comes back (its delivery receipt names it)
    expect(sent).toEqual({ messageId: 'message-1' });
    const calls = snsMock.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input).toMatchObject({ PhoneNumber: '+77011234567', Message: 'kezek: код входа 123456' });
    expect(input.TopicArn).toBeUndefined();
    expect(input.TargetArn).toBeUndefined();
    expect(input.MessageAttributes?.['AWS.SNS.SMS.SMSType']).toEqual({ DataType: 'String', StringValue: 'Transactional' });
  });

  it('should let a failed publish propagate', async () => {
    // Prepare
    const throttled = new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
    snsMock.on(PublishCommand).rejects(throttled);
    const notifier = new SnsNotifier(new SNSClient({ region: 'eu-central-1' }));

    // Act
    const result = notifier.sendSms({ phone: '+77011234567', text: 'kezek' });

    // Assess
    await expect(result).rejects.toBe(throttled);
  });
});
