import { describe, expect, it } from 'vitest';
import type { Notifier } from '#ports/notifier';
import { refusal } from './refusal.ts';

/**
 * What any adapter of the notifier must do, in the port's terms: each SMS gets its own message id
 * (its delivery receipt names it); an SMS of at most 1,600 characters (Cyrillic counted as
 * characters) to an E.164 number is taken, anything else refused as SNS refuses it
 * (`InvalidParameterException`, never with the phone number in it); an announcement over 256 KB is
 * refused the same way. `test/unit/local-adapter-contracts.test.ts` runs it on the local notifier.
 */
export function notifierContract(name: string, notifier: () => Notifier): void {
  describe(`${name}: Notifier`, () => {
    it('should give each SMS its own message id, up to 1,600 characters', async () => {
      // Act
      const first = await notifier().sendSms({ phone: '+77011234567', text: 'ж'.repeat(1_600) });
      const second = await notifier().sendSms({ phone: '+77011234567', text: 'Код: 123456' });
      // Assess
      expect(first.messageId).not.toBe('');
      expect(second.messageId).not.toBe(first.messageId);
    });

    it('should refuse an SMS too long, empty or to a number not in E.164, without the number in the error', async () => {
      // Act
      const refusals = [
        await refusal(notifier().sendSms({ phone: '+77011234567', text: 'ж'.repeat(1_601) })),
        await refusal(notifier().sendSms({ phone: '+77011234567', text: '' })),
        await refusal(notifier().sendSms({ phone: '87011234567', text: 'Код: 123456' })),
      ];
      // Assess
      expect(refusals.map((error) => (error as Error | undefined)?.name)).toEqual(['InvalidParameterException', 'InvalidParameterException', 'InvalidParameterException']);
      expect(refusals.map((error) => String((error as Error).message).includes('7011234567'))).toEqual([false, false, false]);
    });

    it('should announce up to 256 KB and refuse more', async () => {
      // Prepare
      const announcement = { tenantId: 'temirtau', language: 'kk' as const, subject: 'Растау науқаны басталды' };
      // Act
      const taken = await refusal(notifier().announce({ ...announcement, message: 'a'.repeat(200_000) }));
      const tooLong = await refusal(notifier().announce({ ...announcement, message: 'a'.repeat(262_144) }));
      // Assess
      expect(taken).toBeUndefined();
      expect((tooLong as Error | undefined)?.name).toBe('InvalidParameterException');
    });
  });
}
