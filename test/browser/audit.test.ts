import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { AuditPage } from '../support/pages/audit.ts';
import { QueuePage } from '../support/pages/queue.ts';

const world = browserWorld({ applications: 60 });

describe('the audit trail page', () => {
  it('should show a queue view in the trail, filtered by action, and download it as CSV, in Russian', async () => {
    // Prepare: the staff member opens the queue (an audited read).
    const session = await world.staff({ language: 'ru', downloads: true });
    const queue = new QueuePage(session);
    await queue.navigateTo('queue');
    await queue.form.waitFor();

    // Act
    const audit = new AuditPage(session);
    await audit.navigateTo('audit');
    await audit.filterByAction('queue.view');

    // Assess
    expect(await audit.heading.textContent()).toBe('Журнал действий сотрудников');
    const actions = await audit.actions.allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((action) => action === 'queue.view')).toBe(true);
    expect(await audit.axe()).toEqual([]);

    // Act: the CSV of the same filter
    const fileName = await audit.downloadCsv();

    // Assess
    expect(fileName).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it('should read in Kazakh and pass axe with no events found', async () => {
    // Prepare
    const audit = new AuditPage(await world.staff({ language: 'kk' }));

    // Act
    await audit.open('action=campaign.cancel');
    await audit.empty.waitFor();

    // Assess
    expect(await audit.heading.textContent()).toBe('Қызметкерлер әрекеттерінің журналы');
    expect(await audit.empty.textContent()).toBe('Оқиға жоқ.');
    expect(await audit.axe()).toEqual([]);
  });
});
