import { describe, expect, it } from 'vitest';
import { addDepartment, departmentFile } from '../support/departments.ts';
import { browserWorld, type Session } from '../support/browser-fixture.ts';
import { SetPasswordPage } from '../support/pages/set-password.ts';
import { SitePage } from '../support/pages/site.ts';
import { StaffLoginPage } from '../support/pages/staff-login.ts';
import { loginStaff, startCampaignNow } from '../support/runtime.ts';

const world = browserWorld({ applications: 100 });

/** A page in English in Kazakhstan's time zone. */
const englishPage = (): Promise<Session> => world.visitor({ language: 'en', timezone: 'Asia/Almaty' });

/** The same build and server under another host name: Chromium resolves every `*.localhost` to loopback. */
const on = (host: string, path: string) => `http://${host}:${new URL(world.runtime.url).port}${path}`;

describe('one build, many departments', () => {
  it('should let a second department’s administrator set a password by the link, log in, and each host show its own department and banner', { timeout: 180_000 }, async () => {
    // Prepare: the operator onboards Balkhash on balkhash.localhost; the demo (Temirtau) answers on localhost.
    const added = await addDepartment(world.runtime, departmentFile('balkhash'));
    expect(added.code, added.stderr).toBe(0);
    const session = await englishPage();
    const admin = new SetPasswordPage(session);

    // Act: the administrator follows the printed link, sets a password and logs in.
    await admin.open(added.link!);
    await admin.fill('Balkhash-admin-2026');
    const setPageViolations = await admin.axe();
    await admin.submit.click();
    const done = (await admin.done.textContent())?.trim();
    const recoveryCodes = await admin.recoveryCodes.allTextContents();
    const recoveryViolations = await admin.axe();
    const loginLinkBefore = await admin.loginLink.count();
    const addressAfter = session.page.url();
    await admin.recoverySaved.check();
    await admin.loginLink.click();
    const login = new StaffLoginPage(session);
    await login.fill({ login: 'admin@balkhash.example.kz', password: 'Balkhash-admin-2026' });
    const loginViolations = await login.axe();
    await login.submit.click();
    await session.page.waitForURL(/\/staff$/);

    // Assess
    expect(setPageViolations).toEqual([]);
    expect(done).toBe('Password saved. Log in as admin@balkhash.example.kz.');
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code.trim()).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(recoveryViolations).toEqual([]);
    expect(loginLinkBefore, 'the way to the login opens once the codes are saved').toBe(0);
    expect(loginViolations).toEqual([]);
    expect(addressAfter, 'the token leaves the address bar').toBe(on('balkhash.localhost', '/staff/set-password'));

    // Prepare: both departments run a campaign.
    await startCampaignNow(world.runtime, await loginStaff(world.runtime));
    await startCampaignNow(world.runtime, await loginStaff(world.runtime, { login: 'admin@balkhash.example.kz', password: 'Balkhash-admin-2026' }));
    const temirtau = new SitePage(await englishPage());
    const balkhash = new SitePage(await englishPage());

    // Act: the same build opened under the two host names.
    await temirtau.page.goto(on('localhost', '/'));
    await balkhash.page.goto(on('balkhash.localhost', '/'));
    await Promise.all([temirtau, balkhash].map((site) => site.bannerText.waitFor()));

    // Assess
    expect(await temirtau.siteName.textContent()).toBe('Temirtau City Education Department');
    expect(await balkhash.siteName.textContent()).toBe('Balkhash City Education Department');
    // The banner's title names the department whose campaign it is.
    expect(await temirtau.bannerTitle.textContent()).toContain('Temirtau City Education Department');
    expect(await balkhash.bannerTitle.textContent()).toContain('Balkhash City Education Department');
    expect(await balkhash.contacts.textContent()).toContain('+77103612345');
    expect(await balkhash.contacts.textContent()).toContain('1 Lenin St, Balkhash');
    expect(await balkhash.axe()).toEqual([]);
  });

  it('should show the staff login of a host without a department with no department’s name', { timeout: 60_000 }, async () => {
    // Prepare
    const session = await englishPage();
    const site = new SitePage(session);

    // Act
    await session.page.goto(on('nobody.localhost', '/staff/login'));
    await new StaffLoginPage(session).form.waitFor();
    await session.page.waitForLoadState('networkidle');

    // Assess
    expect(await site.siteName.textContent()).toBe('');
    expect(await site.contacts.count()).toBe(0);
  });

  it('should say the link is refused when it is opened again after use', { timeout: 60_000 }, async () => {
    // Prepare
    const added = await addDepartment(world.runtime, departmentFile('saran'));
    const first = new SetPasswordPage(await englishPage());
    await first.open(added.link!);
    await first.setPassword('Saran-admin-password');
    const second = new SetPasswordPage(await englishPage());

    // Act
    await second.open(added.link!);

    // Assess: the page asks for the link's key first, and says the link is used up instead of a form
    await expect.poll(() => second.refused.textContent().catch(() => null)).toBe(
      'The link is not valid or was used already. Ask your administrator for a new link.',
    );
    expect(await second.form.count()).toBe(0);
  });
});
