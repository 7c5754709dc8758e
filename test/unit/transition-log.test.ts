import { describe, expect, it } from 'vitest';
import { parentAccountId } from '#domain/accounts';
import type { Application } from '#domain/application';
import { planTransition } from '#domain/application-lifecycle';
import { transitionLogFields } from '#adapters/transition-log';
import { generateDemoData } from '../../local/demo-data.ts';

const data = generateDemoData({ now: new Date('2026-03-02T06:00:00Z'), applicationCount: 60 });
const at = '2026-03-02T06:00:00.000Z';

/** Every string a log line must not carry for this application: the IINs, the names, the phone. */
function personalData(application: Application): string[] {
  const parent = data.parents.find((p) => p.iin === application.applicantIin)!;
  return [application.childIin, application.applicantIin, application.childName, parent.phone, parent.displayName];
}

describe('transition log line', () => {
  it('should say who stopped an application in which campaign and why, as the campaign close does', () => {
    // Prepare
    const queued = data.applications.find((a) => a.status === 'queued')!;
    const plan = planTransition(queued, { kind: 'stop_cleanup', campaignId: 'c-2026' }, { role: 'system', id: 'campaign-close' }, at);

    // Act
    const fields = transitionLogFields(queued, plan);

    // Assess
    expect(fields).toEqual({
      applicationId: queued.applicationId,
      tenantId: queued.tenantId,
      action: 'stop_cleanup',
      from: 'queued',
      to: 'stopped',
      stopReason: 'cleanup',
      campaignId: 'c-2026',
      actorRole: 'system',
      actorJob: 'campaign-close',
    });
  });

  it('should name the stop a restore leaves and never a person’s id, IIN, name or phone', () => {
    // Prepare
    const stopped = data.applications.find((a) => a.status === 'stopped' && a.stopReason === 'cleanup')!;
    const plan = planTransition(stopped, { kind: 'restore_cleanup', validUntil: '2027-03-02' }, { role: 'parent', id: parentAccountId(stopped.applicantIin) }, at);

    // Act
    const line = JSON.stringify(transitionLogFields(stopped, plan));

    // Assess
    expect(JSON.parse(line)).toMatchObject({ action: 'restore_cleanup', from: 'stopped', to: 'queued', fromStopReason: 'cleanup', actorRole: 'parent' });
    expect(JSON.parse(line)).not.toHaveProperty('actorJob');
    for (const value of personalData(stopped)) expect(line).not.toContain(value);
  });
});
