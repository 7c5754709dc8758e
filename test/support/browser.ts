import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { totpCodeAt, totpStep } from '#use-cases/second-factor';
import type { LocalRuntime } from '../../local/runtime.ts';
import { nextStaffCode } from './runtime.ts';

/** Debian's Chromium; `npx playwright install` cannot download browsers here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Without the background-networking flags Chromium keeps dialling Google on a closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * axe's WCAG 2.1 AA findings on the page, as `rule: targets` lines (empty when clean). In axe's
 * legacy mode: `axe.run` in the page itself, same-origin frames included (the app has no frames),
 * instead of a partial run finished in a blank page opened, injected and closed for every check
 * (the same rules on the same DOM, without a page more per call).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/*
 * The helpers below predate the browser fixture and its page objects (`browser-fixture.ts`,
 * `pages/`), which every browser test file uses now; they stay for a file not converted yet.
 */

/**
 * Fills the staff login form (on the page already): login, password and the code the person's
 * authenticator would show now (from the stored secret and the runtime's clock).
 */
export async function fillStaffLogin(page: Page, runtime: LocalRuntime, login: string, password: string): Promise<void> {
  await page.locator('[data-qa="staff-login"]').fill(login);
  await page.locator('[data-qa="staff-password"]').fill(password);
  await page.locator('[data-qa="staff-code"]').fill(await nextStaffCode(runtime, login));
}

/**
 * On the set-password page: types the password twice and the current code of the key the page
 * shows, as a person who added the key to their authenticator app would.
 */
export async function fillSetPassword(page: Page, runtime: LocalRuntime, password: string): Promise<void> {
  await page.locator('[data-qa="new-password"]').fill(password);
  await page.locator('[data-qa="repeat-password"]').fill(password);
  const secret = ((await page.locator('[data-qa="totp-secret"]').textContent()) ?? '').replace(/\s/g, '');
  await page.locator('[data-qa="totp-code"]').fill(totpCodeAt(secret, totpStep(runtime.clock.now())));
}

/** Staff log in through the form and land on their console. */
export async function staffLogsIn(page: Page, runtime: LocalRuntime): Promise<void> {
  const { login, password } = runtime.seed!.data.staff;
  await page.goto(`${runtime.url}/staff/login`);
  await fillStaffLogin(page, runtime, login, password);
  await page.locator('[data-qa="staff-submit"]').click();
  await page.locator('[data-qa="kindergarten-row"]').first().waitFor();
}

/**
 * A parent logs in with the SMS code from the local outbox and ends in the cabinet (one with
 * applications to confirm lands on the survey first; the cabinet is one link away).
 */
export async function parentLogsIn(page: Page, runtime: LocalRuntime, parent: { iin: string; phone: string }): Promise<void> {
  await page.goto(`${runtime.url}/login`);
  await page.locator('[data-qa="iin-input"]').fill(parent.iin);
  await page.locator('[data-qa="send-code"]').click();
  await page.locator('[data-qa="code-input"]').waitFor();
  await page.locator('[data-qa="code-input"]').fill(/\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0]);
  await page.locator('[data-qa="verify-code"]').click();
  await page.waitForURL(/\/(survey|cabinet)$/);
  if (page.url().endsWith('/survey')) await page.goto(`${runtime.url}/cabinet`);
  await page.locator('[data-qa="application"]').first().waitFor();
}
