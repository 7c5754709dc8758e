import { describe, expect, it } from 'vitest';
import { browserWorld } from '../support/browser-fixture.ts';
import { CabinetPage } from '../support/pages/cabinet.ts';
import { loginParent } from '../support/runtime.ts';

const world = browserWorld();

describe('the notifications in the parent cabinet', () => {
  it('should show a restore notice unread with its channel and mark it read on a phone', async () => {
    // Prepare: a parent whose application was stopped by the campaign's cleanup restores it via the API
    const parent = world.runtime.seed!.data.demoParents[2]!;
    const stopped = world.runtime.seed!.data.applications.find((a) => a.applicantIin === parent.iin && a.status === 'stopped' && a.stopReason === 'cleanup')!;
    expect(stopped).toBeDefined();
    const api = await loginParent(world.runtime, parent);
    const restored = await api.request('POST', `/api/cabinet/applications/${encodeURIComponent(stopped.applicationId)}/restore`);
    expect(restored.status).toBe(200);

    // Act: log in in the browser (no campaign runs, so the parent lands on the cabinet)
    const session = await world.parent(parent, { language: 'en', chooseLanguage: true, device: 'phone' });
    const cabinet = new CabinetPage(session);
    await cabinet.unread.waitFor();
    expect(new URL(session.page.url()).pathname).toBe('/cabinet');

    // Assess: the restore notice is there, unread, names the child and says where it went
    const notice = cabinet.notice('restore_cleanup');
    expect(await notice.getAttribute('data-read')).toBe('false');
    expect(await notice.locator('[data-qa="notification-text"]').textContent()).toContain(stopped.childName);
    expect(await notice.locator('[data-qa="notification-channels"]').textContent()).toContain('in the cabinet');
    const before = Number(await cabinet.unread.getAttribute('data-unread'));
    expect(before).toBeGreaterThanOrEqual(1);
    expect(await cabinet.unread.textContent()).toContain(`${before} unread`);
    expect(await cabinet.overflow()).toBeLessThanOrEqual(0);
    expect(await cabinet.axe()).toEqual([]);

    // Act: mark it read
    const button = notice.locator('[data-qa="mark-read"]');
    expect(await button.evaluate((element) => element.textContent)).toContain(stopped.childName);
    await button.click();
    await cabinet.unreadIs(before - 1).waitFor();

    // Assess: read now, the count went down, the news is announced, and the server agrees
    expect(await notice.getAttribute('data-read')).toBe('true');
    expect(await notice.locator('[data-qa="mark-read"]').count()).toBe(0);
    expect(await cabinet.notificationsStatus.textContent()).toContain(`Unread: ${before - 1}`);
    const listed = await api.request('GET', '/api/cabinet/notifications');
    expect(listed.body.unread).toBe(before - 1);
    expect(await cabinet.axe()).toEqual([]);
  });
});
