import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { CabinetPage } from '../support/pages/cabinet.ts';

const world = browserWorld();

describe('the contacts section of the cabinet', () => {
  it('should let a parent on a phone choose the message language and a second phone with the keyboard, with the error tied to its field', async () => {
    // Prepare: a demo parent on a narrow phone screen, the interface in English
    const parent = world.runtime.seed!.data.demoParents[0]!;
    const cabinet = new CabinetPage(await world.parent(parent, { language: 'en', device: 'phone' }));
    const contacts = cabinet.contacts;
    await contacts.root.waitFor();

    // Assess 1: nothing chosen yet, so the interface's language is preselected and the default is explained
    expect(await contacts.language('en').isChecked()).toBe(true);
    expect(await contacts.languageDefault.textContent()).toBe('Not chosen yet: messages are written in the language you use.');
    expect(await contacts.phone.textContent()).toBe(`+7 ${parent.phone[2]}** *** **${parent.phone.slice(-2)}`);

    // Act 2: Kazakh by the keyboard (arrow keys move within the radio group), a malformed second phone, Enter
    await contacts.language('en').focus();
    await cabinet.page.keyboard.press('ArrowLeft');
    await contacts.secondPhone.fill('8 777 123');
    await contacts.secondPhone.press('Enter');

    // Assess 2: Russian is chosen (kk, ru, en: one to the left of English); the error is on the field, described by it and focused
    expect(await contacts.language('ru').isChecked()).toBe(true);
    const input = contacts.secondPhone;
    expect(await contacts.secondPhoneError.textContent()).toContain('Write the phone as +7XXXXXXXXXX.');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toBe('contacts-second-phone-hint contacts-second-phone-error');
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);

    // Act 3: a valid number with spaces, saved
    await input.fill('+7 777 123 45 67');
    await contacts.save('Contacts saved.');

    // Assess 3: saved as typed without spaces, announced, nothing overflows the phone's width, no accessibility violation
    expect(await input.inputValue()).toBe('+77771234567');
    expect(await contacts.notice.getAttribute('role')).toBe('status');
    expect(await contacts.languageDefault.count()).toBe(0);
    expect(await cabinet.overflow()).toBeLessThanOrEqual(0);
    expect(await cabinet.axe()).toEqual([]);
  });

  it('should let a parent on a phone add an e-mail with the keyboard, and confirm it by opening the link of the mail it receives', async () => {
    // Prepare: another demo parent on a narrow phone screen, the interface in English
    const runtime = world.runtime;
    const parent = runtime.seed!.data.demoParents[1]!;
    const address = `browser.${parent.iin}@example.kz`;
    const cabinet = new CabinetPage(await world.parent(parent, { language: 'en', device: 'phone' }));
    const page = cabinet.page;
    const section = page.locator('[data-qa="contacts"]');
    await section.waitFor();
    const field = page.locator('[data-qa="contacts-email"]');

    // Act 1: a malformed address, Enter
    await field.fill('name@');
    await field.press('Enter');

    // Assess 1: the error is on the field, described by it and focused; nothing was mailed
    expect(await page.locator('[data-qa="contacts-email-error"]').textContent()).toContain('Write the e-mail as name@example.kz.');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('type')).toBe('email');
    expect(await field.evaluate((element: Element) => element === document.activeElement)).toBe(true);
    expect(runtime.mailer.lastTo(address)).toBeUndefined();

    // Act 2: the address, saved with Enter
    await field.fill(address);
    await field.press('Enter');
    await page.locator('[data-qa="contacts-notice"]:has-text("We sent a confirmation link")').waitFor();

    // Assess 2: announced, shown unconfirmed, one mail with the link
    expect(await page.locator('[data-qa="contacts-notice"]').textContent()).toBe('Contacts saved. We sent a confirmation link to the e-mail: it works once, for 24 hours.');
    expect(await section.locator('[data-qa="contacts-email-status"]').textContent()).toBe('Not confirmed yet: open the link in the e-mail we sent. Until then it receives no messages.');
    const link = /(http\S+email-token=\S+)/.exec(runtime.mailer.lastTo(address)!.text)![1]!;

    // Act 3: the parent opens the link from the mail
    await page.goto(link);
    await page.locator('[data-qa="contacts-notice"]:has-text("E-mail confirmed")').waitFor();

    // Assess 3: confirmed and announced, the token gone from the address bar, nothing overflows, no accessibility violation
    expect(await section.locator('[data-qa="contacts-email-status"]').textContent()).toBe('Confirmed: messages come here too.');
    expect(new URL(page.url()).search).toBe('');
    expect(await field.inputValue()).toBe(address);
    expect(await cabinet.overflow()).toBeLessThanOrEqual(0);
    expect(await cabinet.axe()).toEqual([]);
  });
});
