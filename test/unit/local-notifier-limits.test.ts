import { describe, expect, it } from 'vitest';
import { LocalNotifier } from '#adapters/local/local-notifier';

const quiet = () => new LocalNotifier(() => undefined, () => new Date('2026-03-13T06:00:00.000Z'));

describe('the local notifier refuses what SNS refuses', () => {
  it('should send an SMS of exactly 1,600 characters (Cyrillic counts as characters, not bytes)', async () => {
    const notifier = quiet();
    await notifier.sendSms({ phone: '+77011234567', text: 'ж'.repeat(1_600) });
    expect(notifier.outbox).toHaveLength(1);
  });

  it('should refuse an SMS of 1,601 characters and send nothing', async () => {
    // Prepare
    const notifier = quiet();
    // Act
    const refused = notifier.sendSms({ phone: '+77011234567', text: 'ж'.repeat(1_601) });
    // Assess
    await expect(refused).rejects.toMatchObject({ name: 'InvalidParameterException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    await expect(refused).rejects.toThrow('Invalid parameter: Message too long (1601 characters; an SMS Publish takes at most 1600)');
    expect(notifier.outbox).toEqual([]);
  });

  it('should refuse an SMS to a number that is not E.164, without the number in the error', async () => {
    const notifier = quiet();
    const refused = notifier.sendSms({ phone: '87011234567', text: 'Код: 123456' });
    await expect(refused).rejects.toThrow('Invalid parameter: PhoneNumber Reason: not a valid E.164 number');
    await expect(refused).rejects.not.toThrow('87011234567');
    expect(notifier.outbox).toEqual([]);
  });

  it('should refuse an announcement over 256 KB (262,144 bytes with subject and attributes) and take one at the limit', async () => {
    // Prepare: subject "S" (1 byte), attributes tenantId/String/temirtau (8 + 6 + 8 bytes) and language/String/kk (8 + 6 + 2 bytes)
    const notifier = quiet();
    const overhead = 1 + 8 + 6 + 8 + 8 + 6 + 2;
    // Act
    await notifier.announce({ tenantId: 'temirtau', language: 'kk', subject: 'S', message: 'm'.repeat(262_144 - overhead) });
    const refused = notifier.announce({ tenantId: 'temirtau', language: 'kk', subject: 'S', message: 'm'.repeat(262_145 - overhead) });
    // Assess
    await expect(refused).rejects.toThrow('Invalid parameter: Message too long (262145 bytes with subject and attributes; at most 262144)');
    expect(notifier.announcements).toHaveLength(1);
  });
});
