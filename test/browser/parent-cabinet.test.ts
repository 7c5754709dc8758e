import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { CabinetPage } from '../support/pages/cabinet.ts';
import { ParentLoginPage } from '../support/pages/parent-login.ts';

const world = browserWorld();

describe('a parent in the browser', () => {
  it('should log in with the SMS code and see their applications on a phone', async () => {
    // Prepare
    const parent = world.runtime.seed!.data.demoParents[0]!;
    const own = world.runtime.seed!.data.applications.filter((a) => a.applicantIin === parent.iin);
    const session = await world.visitor({ language: 'ru', device: 'phone' });
    const login = new ParentLoginPage(session);
    const cabinet = new CabinetPage(session);

    // Act: home → login → code from the SMS outbox → cabinet
    await login.openFromHome();
    await login.askCode(parent);
    const code = login.codeSentTo(parent.phone);
    await login.code.fill(code);
    await login.verify.click();
    await cabinet.applications.first().waitFor();

    // Assess: every application of theirs, by child name, and nothing wider than the phone
    const children = await cabinet.children.allTextContents();
    expect(children.sort()).toEqual(own.map((a) => a.childName).sort());
    expect(new URL(session.page.url()).pathname).toBe('/cabinet');
    expect(await cabinet.overflow()).toBeLessThanOrEqual(0);
    const cookies = await session.context.cookies();
    expect(cookies.find((c) => c.name === 'kezek_session')?.httpOnly).toBe(true);
    expect(await session.page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain(code);

    // Assess: accessible (axe, WCAG 2.1 AA)
    expect(await cabinet.axe()).toEqual([]);
  });

  it('should show the cabinet in Kazakh after switching the language', async () => {
    // Prepare
    const parent = world.runtime.seed!.data.demoParents[0]!;
    const session = await world.visitor({ language: 'ru', device: 'phone' });
    const login = new ParentLoginPage(session);
    const cabinet = new CabinetPage(session);
    await login.open();

    // Act
    await login.chooseLanguage('kk');
    await login.logIn(parent);
    await cabinet.applications.first().waitFor();

    // Assess: the page and the SMS are in Kazakh
    expect(await session.page.getAttribute('html', 'lang')).toBe('kk');
    expect(world.runtime.notifier.lastTo(parent.phone)!.text).toContain('кіру коды');
    const statuses = await cabinet.statuses.allTextContents();
    expect(statuses.some((s) => /Кезекте/i.test(s))).toBe(true);
  });

  it('should send a visitor without a session from the cabinet to the login page', async () => {
    const session = await world.visitor({ language: 'en', device: 'phone' });
    const login = new ParentLoginPage(session);
    await new CabinetPage(session).open();
    await session.page.waitForURL(/\/login$/);
    expect(await login.iin.isVisible()).toBe(true);
  });
});
