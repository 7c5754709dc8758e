import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { AuditPage } from '../support/pages/audit.ts';
import { KindergartensPage } from '../support/pages/kindergartens.ts';
import { QueuePage } from '../support/pages/queue.ts';
import { SetPasswordPage } from '../support/pages/set-password.ts';
import { StaffAccountsPage } from '../support/pages/staff-accounts.ts';
import { StaffLoginPage } from '../support/pages/staff-login.ts';

const world = browserWorld({ applications: 50 });
const login = 'analyst.page@temirtau.example.kz';

describe('the staff page', () => {
  it('should let the administrator add an analyst with field errors first, hand over the link, and disable them; the analyst sees only their sections', { timeout: 180_000 }, async () => {
    // Prepare: the demo department's administrator on the staff page, in Russian
    const admin = new StaffAccountsPage(await world.staff({ language: 'ru', timezone: 'Asia/Almaty' }));
    await admin.navigateTo('staff');
    await admin.root.waitFor();
    const violations = await admin.axe();

    // Act: an empty form, then a valid one
    await admin.submit.click();
    const loginError = (await admin.fieldError('login').textContent())?.trim();
    const nameError = (await admin.fieldError('name').textContent())?.trim();
    await admin.add({ login, name: 'Айгуль Аналитик', role: 'analyst' });
    const url = (await admin.link.textContent())?.trim() ?? '';
    const stateBefore = (await admin.state(login).textContent())?.trim();
    const violationsWithLink = await admin.axe();

    // Act: the analyst sets a password with the link and logs in, in English
    const session = await world.visitor({ language: 'en', timezone: 'Asia/Almaty' });
    const setPassword = new SetPasswordPage(session);
    await setPassword.open(url);
    await setPassword.setPassword('analyst page password');
    const staffLogin = new StaffLoginPage(session);
    await staffLogin.open();
    await staffLogin.as({ login, password: 'analyst page password' });
    const analyst = new KindergartensPage(session);
    await analyst.rows.first().waitFor();
    const recoveryLeft = (await analyst.recoveryCodesLeft.textContent())?.trim();
    const sections = await analyst.sections();
    const editLinks = await analyst.qa('kindergarten-edit').count();
    // … and opening the queue or the audit by its address shows the notice, not a form that can only fail
    const queue = new QueuePage(session);
    await queue.open();
    await queue.qa('not-allowed').waitFor();
    const queueForms = await queue.form.count();
    const audit = new AuditPage(session);
    await audit.open();
    await audit.qa('not-allowed').waitFor();
    const auditForms = await audit.form.count();

    // Act: the administrator disables the analyst
    await admin.toggle(login).click();
    await admin.state(login).filter({ hasText: 'Отключён' }).waitFor();
    await analyst.navigateTo('campaigns');
    await analyst.page.waitForURL(/\/staff\/login$/);

    // Assess
    expect(violations).toEqual([]);
    expect(loginError).toBe('Ошибка: Введите логин — адрес электронной почты, например name@example.kz');
    expect(nameError).toBe('Ошибка: Введите имя и фамилию сотрудника');
    expect(url).toMatch(new RegExp(`^${world.runtime.url}/staff/set-password#token=[\\w-]{43}$`));
    expect(stateBefore).toBe('Активен, пароль ещё не задан');
    expect(violationsWithLink).toEqual([]);
    expect(recoveryLeft).toBe('You have 10 recovery codes left.');
    expect(sections).toEqual(['nav-kindergartens', 'nav-campaigns']);
    expect(editLinks).toBe(0);
    expect(queueForms).toBe(0);
    expect(auditForms).toBe(0);
  });
});
