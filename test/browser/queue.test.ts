import { describe, expect, it } from 'vitest';
import { ageGroupOn } from '#domain/age';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { browserWorld } from '../support/browser-fixture.ts';
import { ApplicationPage } from '../support/pages/application.ts';
import { CabinetPage } from '../support/pages/cabinet.ts';
import { loginStaff, settle, type Client } from '../support/runtime.ts';

let staffApi: Client;
const world = browserWorld({
  prepare: async (runtime) => {
    staffApi = await loginStaff(runtime);
  },
});

/** A demo parent's queued application with a general-queue application ahead of it in its cohort. */
async function applicationWithOneAhead() {
  const parent = world.runtime.seed!.data.demoParents[0]!;
  const own = world.runtime.seed!.data.applications.filter((a) => a.applicantIin === parent.iin && a.status === 'queued');
  for (const application of own) {
    const { body } = await staffApi.request('GET', `/api/staff/applications/${application.applicationId}`);
    const position: number | undefined = body.application.position;
    if (position === undefined || position < 2) continue;
    const queue = await staffApi.request('GET', `/api/staff/queue?birthYear=${application.birthDate.slice(0, 4)}`);
    const ahead = (queue.body.entries as { applicationId: string; position?: number; priority: string; birthDate: string }[]).find(
      (entry) => entry.position !== undefined && entry.position < position && entry.priority === 'none' && !own.some((a) => a.applicationId === entry.applicationId),
    );
    if (ahead) return { parent, application, position, ahead };
  }
  throw new Error('no demo application with a general application ahead');
}

describe('queue positions in the browser', () => {
  it('should show the parent why their position moved after staff issued a referral ahead', async () => {
    // Prepare: the application ahead, and a kindergarten with a free place in its child's age group
    const { parent, application, position, ahead } = await applicationWithOneAhead();
    const group = ageGroupOn(ahead.birthDate, kazakhstanDate(world.runtime.clock.now()));
    const kindergartens = (await staffApi.request('GET', '/api/staff/kindergartens')).body.kindergartens as {
      kindergartenId: string;
      capacity: Record<string, number>;
      occupancy?: Record<string, number>;
    }[];
    const withPlace = kindergartens.find((k) => (k.capacity[group] ?? 0) - (k.occupancy?.[group] ?? 0) > 0)!;
    const staffSession = await world.staff({ language: 'ru' });
    const staffPage = new ApplicationPage(staffSession);

    // Act: staff issue the referral on the application's page
    await staffPage.open(ahead.applicationId);
    await staffPage.issueReferralTo(withPlace.kindergartenId);
    await staffSession.context.close();
    // The positions job runs soon after the change; let it finish before the parent looks.
    await settle(world.runtime);

    const cabinet = new CabinetPage(await world.parent(parent, { language: 'en', device: { width: 360, height: 740 } }));

    // Assess: the card shows a better position and explains the move
    const card = cabinet.card(application.applicationId);
    const newPosition = Number(await card.position.getAttribute('data-position'));
    expect(newPosition).toBeLessThan(position);
    const latest = await card.positionChanges.first().textContent();
    expect(latest).toContain(`Moved from ${position} to ${newPosition}`);
    expect(latest).toMatch(/1 application ahead received a referral/);
    expect(await cabinet.axe()).toEqual([]);
  });

  it('should let a parent restore an application stopped by the campaign and show its position', async () => {
    // Prepare
    const parent = world.runtime.seed!.data.demoParents[2]!;
    const stopped = world.runtime.seed!.data.applications.find((a) => a.applicantIin === parent.iin && a.status === 'stopped' && a.stopReason === 'cleanup')!;
    const cabinet = new CabinetPage(await world.parent(parent, { language: 'ru', device: { width: 360, height: 740 } }));
    const card = cabinet.card(stopped.applicationId);

    // Act
    await card.restore.click();

    // Assess: queued, the restore in the history, focus on the card, the position on its way
    await card.statusIs('queued').waitFor();
    expect(await card.restore.count()).toBe(0);
    expect(await card.history('restore_cleanup').count()).toBe(1);
    await expect.poll(() => cabinet.focused()).toBe('application-child');
    // Assess: once the positions job has run, the reloaded cabinet shows its place in the cohort
    await settle(world.runtime);
    await cabinet.page.reload();
    expect(await card.position.textContent()).toContain(`среди детей ${stopped.birthDate.slice(0, 4)} года рождения`);
  });

  it('should ask before a parent withdraws an application, keep it on cancel and withdraw it on confirm', async () => {
    // Prepare
    const parent = world.runtime.seed!.data.demoParents[1]!;
    const cabinet = new CabinetPage(await world.parent(parent, { language: 'kk', device: 'desktop' }));
    const card = cabinet.card();

    // Act
    await card.withdraw.click();
    await expect.poll(() => cabinet.page.evaluate(() => document.activeElement?.textContent)).toContain('Өтінішті шынымен кері қайтарып аласыз ба?');
    await card.withdrawCancel.click();

    // Assess: focus is back on the button and nothing changed
    await expect.poll(() => cabinet.focused()).toBe('withdraw');
    expect(await card.status.getAttribute('data-status')).toBe('queued');

    // Act: now confirm
    await card.withdraw.click();
    await card.withdrawConfirm.click();

    // Assess: withdrawn, no more actions
    await card.statusIs('withdrawn').waitFor();
    expect(await card.root.locator('[data-qa="withdraw"], [data-qa="restore"]').count()).toBe(0);
  });
});
