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
});
