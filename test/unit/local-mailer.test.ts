import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalMailer } from '#adapters/local/local-mailer';
import { mailerContract } from '../contracts/mailer.ts';

const directory = () => mkdtempSync(join(tmpdir(), 'kezek-mail-test-'));

mailerContract('LocalMailer', () => new LocalMailer(directory()));

describe('LocalMailer', () => {
  it('should write each mail as an .eml file with RFC 5322 headers, an encoded subject and a base64 UTF-8 body', async () => {
    // Prepare
    const folder = directory();
    const mailer = new LocalMailer(folder, { now: () => new Date('2026-12-07T05:00:00.000Z') });

    // Act
    const { messageId } = await mailer.send({ to: 'ata-ana@example.kz', subject: 'Поштаңызды растаңыз', text: 'Сілтеме: https://kezek.example.kz' });

    // Assess
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^2026-12-07T05-00-00-000Z-[0-9a-f]{8}\.eml$/);
    const eml = readFileSync(join(folder, files[0]!), 'utf8');
    expect(eml).toBe(
      [
        'From: kezek <no-reply@kezek.localhost>',
        'To: ata-ana@example.kz',
        `Subject: =?UTF-8?B?${Buffer.from('Поштаңызды растаңыз').toString('base64')}?=`,
        'Date: Mon, 07 Dec 2026 05:00:00 +0000',
        `Message-ID: <${messageId}@kezek.localhost>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('Сілтеме: https://kezek.example.kz').toString('base64'),
        '',
      ].join('\r\n'),
    );
  });

  it('should simulate SES events: a delivery, or a permanent bounce for the failure share', async () => {
    // Prepare: the second mail draws a failure
    const draws = [0.9, 0.1];
    const mailer = new LocalMailer(directory(), { receipts: { failureRate: 0.5, draw: () => draws.shift()! } });

    // Act
    const delivered = await mailer.send({ to: 'a@example.kz', subject: 'One', text: 'x' });
    const bounced = await mailer.send({ to: 'b@example.kz', subject: 'Two', text: 'x' });
    const events = mailer.takeEvents().map((line) => JSON.parse(line));

    // Assess
    expect(events).toMatchObject([
      { eventType: 'Delivery', mail: { messageId: delivered.messageId } },
      { eventType: 'Bounce', mail: { messageId: bounced.messageId }, bounce: { bounceType: 'Permanent' } },
    ]);
    expect(mailer.takeEvents()).toEqual([]);
  });

  it('should print only the domain of an address (never the address: the console is a log)', async () => {
    // Prepare
    const lines: string[] = [];
    const mailer = new LocalMailer(directory(), { print: (line) => lines.push(line) });

    // Act
    await mailer.send({ to: 'secret.person@example.kz', subject: 'Hello', text: 'x' });

    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[mail → …@example.kz] Hello');
    expect(lines[0]).not.toContain('secret.person');
  });

  it('should refuse every message as MailDisabled when e-mail is not configured', async () => {
    // Act
    const result = new LocalMailer(directory(), { disabled: true }).send({ to: 'a@example.kz', subject: 'x', text: 'x' });

    // Assess
    await expect(result).rejects.toMatchObject({ name: 'MailDisabled' });
  });
});
