import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { ParentLoginPage } from '../support/pages/parent-login.ts';

const world = browserWorld();

const texts = {
  kk: { wrong: 'Соңғы SMS-тегі цифрларды тексеріп', askNew: 'Жаңа код сұратыңыз', contacts: 'Хабарласатын орын: Теміртау қаласының білім бөлімі' },
  ru: { wrong: 'Проверьте цифры в последнем SMS', askNew: 'Запросите новый код', contacts: 'Куда обращаться: Отдел образования города Темиртау' },
} as const;

describe('help while logging in on a phone', () => {
  for (const [index, language] of (['kk', 'ru'] as const).entries()) {
    it(`should count down to a resend, ask to check a wrong code and say whom to contact without an SMS (${language})`, async () => {
      // Prepare
      const parent = world.runtime.seed!.data.demoParents[index]!;
      const login = new ParentLoginPage(await world.visitor({ language, device: 'phone' }));
      await login.open();
      await login.chooseLanguage(language);

      // Act: ask for a code, then type a wrong one
      await login.askCode(parent);
      const code = login.codeSentTo(parent.phone);
      await login.code.fill(code === '111111' ? '222222' : '111111');
      await login.verify.click();
      await login.errorSummary.waitFor();

      // Assess: the resend waits with a countdown; the error asks to check the digits
      expect(await login.resend.isDisabled()).toBe(true);
      expect(await login.resendCountdown.textContent()).toMatch(/0:[0-5]\d|1:00/);
      const summary = (await login.errorSummary.textContent()) ?? '';
      expect(summary).toContain(texts[language].wrong);
      expect(summary).not.toContain(texts[language].askNew);

      // Act: open "no SMS?"
      await login.helpToggle.click();

      // Assess: whom to contact
      expect(await login.contacts.textContent()).toContain(texts[language].contacts);
      expect(await login.axe()).toEqual([]);
    });
  }

  it('should serve /robots.txt as a real text file that keeps personal pages and the API out of search engines', async () => {
    // Act
    const response = await fetch(`${world.runtime.url}/robots.txt`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('Disallow: /api/');
    expect(text).toContain('Disallow: /cabinet');
    expect(text).not.toContain('<html');
  });
});
