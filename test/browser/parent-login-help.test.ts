import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let browser: Browser;

beforeAll(async () => {
  [runtime, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
});

const texts = {
  kk: { wrong: 'Соңғы SMS-тегі цифрларды тексеріп', askNew: 'Жаңа код сұратыңыз', contacts: 'Хабарласатын орын: Теміртау қаласының білім бөлімі' },
  ru: { wrong: 'Проверьте цифры в последнем SMS', askNew: 'Запросите новый код', contacts: 'Куда обращаться: Отдел образования города Темиртау' },
} as const;

describe('help while logging in on a phone', () => {
  for (const [index, language] of (['kk', 'ru'] as const).entries()) {
    it(`should count down to a resend, ask to check a wrong code and say whom to contact without an SMS (${language})`, async () => {
      // Prepare
      const parent = runtime.seed!.data.demoParents[index]!;
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: language === 'kk' ? 'kk-KZ' : 'ru-RU', isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto(`${runtime.url}/login`);
      await page.locator(`[data-qa="lang-${language}"]`).click();
      await page.locator('[data-qa="iin-input"]').fill(parent.iin);

      // Act: ask for a code, then type a wrong one
      await page.locator('[data-qa="send-code"]').click();
      await page.locator('[data-qa="code-input"]').waitFor();
      const code = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0];
      await page.locator('[data-qa="code-input"]').fill(code === '111111' ? '222222' : '111111');
      await page.locator('[data-qa="verify-code"]').click();
      await page.locator('[data-qa="error-summary"]').waitFor();

      // Assess: the resend waits with a countdown; the error asks to check the digits
      expect(await page.locator('[data-qa="resend-code"]').isDisabled()).toBe(true);
      expect(await page.locator('[data-qa="resend-countdown"]').textContent()).toMatch(/0:[0-5]\d|1:00/);
      const summary = (await page.locator('[data-qa="error-summary"]').textContent()) ?? '';
      expect(summary).toContain(texts[language].wrong);
      expect(summary).not.toContain(texts[language].askNew);

      // Act: open "no SMS?"
      await page.locator('[data-qa="login-help"] summary').click();

      // Assess: whom to contact
      expect(await page.locator('[data-qa="login-contacts"]').textContent()).toContain(texts[language].contacts);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('should serve /robots.txt as a real text file that keeps personal pages and the API out of search engines', async () => {
    // Act
    const response = await fetch(`${runtime.url}/robots.txt`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('Disallow: /api/');
    expect(text).toContain('Disallow: /cabinet');
    expect(text).not.toContain('<html');
  });
});
