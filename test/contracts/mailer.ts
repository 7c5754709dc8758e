import { describe, expect, it } from 'vitest';
import { mailLimits, permanentMailErrors, type Mailer } from '#ports/mailer';

/**
 * What any adapter of the `Mailer` port must do, in the port's terms: an id per message (its
 * events name it), and a permanent refusal (an error named in `permanentMailErrors`, so the sender
 * records `failed` rather than retrying) of what SES refuses: a subject with a line break, more
 * than 50 recipients, a message over 40 MB. Run on the local adapter by `test/unit/local-mailer.test.ts`.
 */
export function mailerContract(name: string, mailer: () => Mailer): void {
  const refusedForGood = (error: unknown) => error instanceof Error && permanentMailErrors.includes(error.name);

  describe(`${name}: Mailer`, () => {
    it('should answer each message with its own provider id', async () => {
      // Prepare
      const message = { to: 'parent@example.kz', subject: 'Подтвердите электронную почту', text: 'Откройте ссылку: https://kezek.example.kz/cabinet' };

      // Act
      const first = await mailer().send(message);
      const second = await mailer().send({ ...message, html: '<p>Откройте ссылку</p>' });

      // Assess
      expect(first.messageId).not.toBe('');
      expect(second.messageId).not.toBe(first.messageId);
    });

    it('should take 50 recipients and refuse 51 for good', async () => {
      // Prepare
      const recipients = Array.from({ length: 51 }, (_, i) => `list-${i}@example.kz`);

      // Act
      const fifty = mailer().send({ to: recipients.slice(0, 50), subject: 'Announcement', text: 'x' });
      const fiftyOne = mailer().send({ to: recipients, subject: 'Announcement', text: 'x' });

      // Assess
      await expect(fifty).resolves.toHaveProperty('messageId');
      await expect(fiftyOne).rejects.toSatisfy(refusedForGood);
    });

    it('should refuse for good a subject with a line break, no recipient, and a message over 40 MB', async () => {
      // Prepare
      const huge = 'x'.repeat(mailLimits.maxMessageBytes);

      // Act
      const twoLines = mailer().send({ to: 'parent@example.kz', subject: 'Line one\r\nBcc: victim@example.kz', text: 'x' });
      const nobody = mailer().send({ to: [], subject: 'Subject', text: 'x' });
      const tooBig = mailer().send({ to: 'parent@example.kz', subject: 'Subject', text: huge });

      // Assess
      await expect(twoLines).rejects.toSatisfy(refusedForGood);
      await expect(nobody).rejects.toSatisfy(refusedForGood);
      await expect(tooBig).rejects.toSatisfy(refusedForGood);
    });

    it('should refuse for good an address outside 7-bit ASCII, and take its domain in Punycode', async () => {
      // Act: SES has no SMTPUTF8, so a Cyrillic domain goes as Punycode and a Cyrillic mailbox cannot go at all
      const cyrillicDomain = mailer().send({ to: 'ata@мектеп.қаз', subject: 'Subject', text: 'x' });
      const cyrillicMailbox = mailer().send({ to: 'ата@mail.kz', subject: 'Subject', text: 'x' });
      const punycode = mailer().send({ to: 'ata@xn--e1aaogsq.xn--80ao21a', subject: 'Subject', text: 'x' });

      // Assess
      await expect(cyrillicDomain).rejects.toSatisfy(refusedForGood);
      await expect(cyrillicMailbox).rejects.toSatisfy(refusedForGood);
      await expect(punycode).resolves.toHaveProperty('messageId');
    });

    it('should refuse for good an address that is not one', async () => {
      // Act
      const result = mailer().send({ to: 'not an address', subject: 'Subject', text: 'x' });

      // Assess
      await expect(result).rejects.toSatisfy(refusedForGood);
    });
  });
}
