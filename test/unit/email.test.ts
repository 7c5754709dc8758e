import { describe, expect, it } from 'vitest';
import { emailProblem, emailText, isEmailAddress, mailboxAddress, normaliseEmail, tokenProblem, verificationEmail, verificationLink, verifiedEmail } from '#domain/email';
import { withEmailDelivery, type Notification } from '#domain/notification';
import { smsKinds } from '#domain/sms';

describe('e-mail addresses', () => {
  it('should take an address up to 254 characters, lower-case its domain only, and refuse what is not one', () => {
    // Assess
    expect(normaliseEmail('  Aigerim.S@Mail.KZ ')).toBe('Aigerim.S@mail.kz');
    expect(isEmailAddress('aigerim@mail.kz')).toBe(true);
    // RFC 5321: a local part of at most 64, an address of at most 254; RFC 1035: a domain label of at most 63
    const labels = `${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}`;
    expect(isEmailAddress(`${'a'.repeat(64)}@mail.kz`)).toBe(true);
    expect(isEmailAddress(`${'a'.repeat(65)}@mail.kz`)).toBe(false);
    expect(isEmailAddress(`a@${labels}.${'f'.repeat(5)}.kz`)).toBe(true); // 254 characters
    expect(isEmailAddress(`a@${labels}.${'f'.repeat(6)}.kz`)).toBe(false); // 255
    expect(isEmailAddress(`a@${'b'.repeat(63)}.kz`)).toBe(true);
    expect(isEmailAddress(`a@${'b'.repeat(64)}.kz`)).toBe(false);
    for (const bad of ['aigerim', 'aigerim@', '@mail.kz', 'a b@mail.kz', 'a@@mail.kz', 'a@mail', '<a@mail.kz>']) expect(isEmailAddress(bad), bad).toBe(false);
  });

  it('should send a domain in Cyrillic as Punycode, and tell a Cyrillic mailbox apart from a malformed address', () => {
    // Assess: SES takes 7-bit ASCII only (no SMTPUTF8); Punycode of мектеп.қаз written down from RFC 3492 (Python's idna codec)
    expect(mailboxAddress('ata@мектеп.қаз')).toBe('ata@xn--e1aaogsq.xn--80ao21a');
    expect(mailboxAddress(normaliseEmail('Ata@Мектеп.ҚАЗ'))).toBe('Ata@xn--e1aaogsq.xn--80ao21a');
    expect(mailboxAddress('aigerim@mail.kz')).toBe('aigerim@mail.kz');
    expect(emailProblem('ata@мектеп.қаз')).toBeUndefined();
    expect(emailProblem('айгерим@mail.kz')).toBe('email_latin');
    expect(emailProblem('aigerim@mail')).toBe('email_format');
    expect(emailProblem('aigerim@exa_mple.kz')).toBe('email_format');
    // The 254 characters hold for the address as sent: a@, three labels of 60 and one of 44 with their dots, and 25 of Punycode is 254
    const labels = `${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}`;
    expect(mailboxAddress(`a@${labels}.${'e'.repeat(44)}.мектеп.қаз`)).toHaveLength(254);
    expect(emailProblem(`a@${labels}.${'e'.repeat(45)}.мектеп.қаз`)).toBe('email_format');
  });

  it('should count only a verified address, and tell a used or foreign token from an expired one', () => {
    // Prepare
    const pending = { email: 'a@mail.kz', emailTokenHash: 'h1', emailTokenExpiresAt: '2026-12-08T10:00:00.000Z' };

    // Assess
    expect(verifiedEmail(pending)).toBeUndefined();
    expect(verifiedEmail({ email: 'a@mail.kz', emailVerifiedAt: '2026-12-07T10:00:00.000Z' })).toBe('a@mail.kz');
    expect(tokenProblem(pending, 'h1', new Date('2026-12-08T09:59:59.000Z'))).toBeUndefined();
    expect(tokenProblem(pending, 'h1', new Date('2026-12-08T10:00:00.000Z'))).toBe('expired');
    expect(tokenProblem(pending, 'h2', new Date('2026-12-07T10:00:00.000Z'))).toBe('invalid');
    expect(tokenProblem({ email: 'a@mail.kz', emailVerifiedAt: '2026-12-07T10:00:00.000Z' }, 'h1', new Date('2026-12-07T10:00:00.000Z'))).toBe('invalid');
  });
});

describe('e-mail texts', () => {
  it('should give every notice kind a one-line subject and a body with the link, in each language', () => {
    for (const kind of smsKinds) {
      for (const language of ['kk', 'ru', 'en'] as const) {
        // Act
        const mail = emailText(kind, language, { link: 'https://kezek.example.kz', child: 'Әлихан\nBcc: x@y.kz', kindergarten: '№ 12 «Балапан»', date: '07.12.2026' });

        // Assess
        expect(mail.subject, `${kind} ${language}`).not.toMatch(/[\r\n]/);
        expect(mail.subject.length).toBeGreaterThan(0);
        expect(mail.text).toContain('\n\nhttps://kezek.example.kz\n\n');
      }
    }
  });

  it('should write the referral e-mail with the child’s first name, the kindergarten and the date', () => {
    // Act
    const mail = emailText('referral_issued', 'ru', { link: 'https://kezek.example.kz', child: 'Әлихан', kindergarten: '№ 12 «Балапан»', date: '07.12.2026' });

    // Assess
    expect(mail).toEqual({
      subject: 'Әлихан: выдано направление',
      text: 'Әлихан: выдано направление в № 12 «Балапан». Используйте его до 07.12.2026.\n\nhttps://kezek.example.kz\n\nС уважением, отдел образования\n',
    });
  });

  it('should put the token in the cabinet link of the verification mail', () => {
    // Act
    const link = verificationLink('http://localhost:3000/', 'abc_-1');
    const mail = verificationEmail('kk', link);

    // Assess
    expect(link).toBe('http://localhost:3000/cabinet?email-token=abc_-1');
    expect(mail.subject).toBe('Электрондық поштаңызды растаңыз');
    expect(mail.text).toContain(`\n\n${link}\n\n`);
  });
});

describe('the e-mail delivery of a new notice', () => {
  const notice = (kind: Notification['kind'], sms: boolean): Notification => ({
    recipientIin: '900101300123',
    notificationId: `2026-12-07T05:00:00.000Z#a-1#${kind}`,
    tenantId: 't',
    applicationId: 'a-1',
    kind,
    createdAt: '2026-12-07T05:00:00.000Z',
    params: {},
    channels: sms ? { cabinet: 'delivered', sms: 'queued' } : { cabinet: 'delivered' },
    ...(sms && { deliveries: { sms: { queuedAt: '2026-12-07T05:00:00.000Z', attempts: 0, applicationId: 'a-2' } } }),
    read: false,
  });

  it('should queue the e-mail beside the SMS for a verified address only, naming the same application, with the outbox mark', () => {
    // Act
    const withEmail = withEmailDelivery(notice('refer', true), 'a@mail.kz');
    const noAddress = withEmailDelivery(notice('refer', true), undefined);
    const cabinetOnly = withEmailDelivery(notice('withdraw', false), 'a@mail.kz');

    // Assess
    expect(withEmail.channels).toEqual({ cabinet: 'delivered', sms: 'queued', email: 'queued' });
    expect(withEmail.deliveries?.email).toEqual({ queuedAt: '2026-12-07T05:00:00.000Z', attempts: 0, applicationId: 'a-2' });
    expect(withEmail.attentionKey).toMatch(/^outbox#\d+$/);
    expect(noAddress.channels).toEqual({ cabinet: 'delivered', sms: 'queued' });
    expect(cabinetOnly.channels).toEqual({ cabinet: 'delivered' });
  });
});
