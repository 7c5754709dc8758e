import { describe, expect, it } from 'vitest';
import type { Application } from '#domain/application';
import { browserWorld } from '../support/browser-fixture.ts';
import { ApplicationPage } from '../support/pages/application.ts';
import { SearchPage } from '../support/pages/search.ts';

const world = browserWorld({ applications: 60 });
const applications = (): readonly Application[] => world.runtime.seed!.data.applications;

describe('the help desk search page', () => {
  it("should find an application by the child's IIN, name and number, and open it with the applicant's name and phone, in Russian at 768 px", { timeout: 90_000 }, async () => {
    // Prepare
    const session = await world.staff({ language: 'ru', device: { width: 768, height: 1000 } });
    const search = new SearchPage(session);
    await search.navigateTo('search');
    await search.form.waitFor();
    const wanted = applications()[4]!;
    const parent = world.runtime.seed!.data.parents.find((p) => p.iin === wanted.applicantIin)!;

    // Act
    const byIin = await search.searchFor(wanted.childIin);
    const byName = await search.searchFor(wanted.childName.toLowerCase());
    const byNumber = await search.searchFor(wanted.applicationId);

    // Assess
    expect(await search.heading.textContent()).toBe('Поиск заявления');
    expect(byIin).toContain(wanted.applicationId);
    expect(byName).toContain(wanted.applicationId);
    expect(byNumber).toEqual([wanted.applicationId]);
    expect(await search.results.locator('caption').textContent()).toBe('Найдено 1 заявление');
    expect(await session.page.locator('body').textContent()).not.toContain(wanted.childIin);
    expect(await search.overflow()).toBe(0);
    expect(await search.axe()).toEqual([]);

    // Act: open the hit
    const application = new ApplicationPage(session);
    await search.resultLinks.first().click();
    await application.root.waitFor();

    // Assess
    expect(await application.applicantName.textContent()).toBe(parent.displayName);
    expect(await application.applicantPhone.textContent()).toBe(parent.phone);
    expect(await application.overflow()).toBe(0);

    // Act: back to the search, which the URL kept
    await session.page.goBack();
    await search.results.waitFor();

    // Assess
    expect(await search.query.inputValue()).toBe(wanted.applicationId);
  });

  it('should say what to type when the text is too short, next to the field, in Kazakh', async () => {
    // Prepare
    const search = new SearchPage(await world.staff({ language: 'kk' }));
    await search.open();

    // Act
    await search.query.fill('а');
    await search.submit.click();
    await search.queryError.waitFor();

    // Assess
    expect(await search.queryError.textContent()).toBe('Қате: Баланың ЖСН-ін, аты-жөнін (кемінде 2 әріп) немесе өтініш нөмірін жазыңыз, 100 таңбаға дейін.');
    expect(await search.axe()).toEqual([]);
  });
});
