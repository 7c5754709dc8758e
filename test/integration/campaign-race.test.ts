import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import type { Application } from '#domain/application';
import { ConcurrentChangeError } from '#domain/errors';
import { currentSurvey } from '#domain/survey-definition';
import type { Dependencies } from '#ports/dependencies';
import { runCampaignClose } from '#use-cases/campaign-jobs';
import { submitSurvey } from '#use-cases/survey';
import { applyTransitions } from '#use-cases/unit-of-work';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, settle, startTestRuntime, type Client, type RouteAnswer } from '../support/runtime.ts';

/** A campaign as the API shows it to staff. */
type Campaign = RouteAnswer<'POST /api/staff/campaigns'>['campaign'];

/**
 * A parent's confirmation racing the campaign's close, both ways. Two applicants are enough: this
 * runs on a small world (the close over thousands is campaign.test.ts; a city's, `npm run bench`).
 */
// A campaign start and close with their SMS: longer than the default minute beside other files on two cores.
vi.setConfig({ testTimeout: 180_000 });

let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(300);
  staff = await loginStaff(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

const parentActor = (iin: string) => ({ role: 'parent' as const, id: `parent#${iin}` });

/** A parent confirms the way parents do: by sending the survey (the domain operation behind the route). */
function confirm(deps: Dependencies, applicantIin: string, now: Date) {
  const answers = {
    kindergartens: [runtime.seed!.data.kindergartens[0]!.kindergartenId],
    ownership: { choice: 'any', reasons: [] },
    language: { choice: 'kk' },
    fee: { choice: 'up-to-20000' },
    activities: { options: [] },
    digital: { options: [] },
  };
  return submitSurvey(deps, { applicantIin, version: currentSurvey().version, answers, actor: parentActor(applicantIin), now });
}

async function createAndStart(endsInMs: number): Promise<Campaign> {
  const now = runtime.clock.now();
  const created = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + endsInMs).toISOString() } });
  expect(created.status).toBe(201);
  expect(created.body.campaign.actions).toEqual(['preview', 'start', 'cancel']);
  return created.body.campaign;
}

describe('a confirmation racing the close', () => {
  it('should end confirmed when the confirmation lands between the close reading and writing, and stopped the other way round', async () => {
    // Prepare: a year on, every queued application is due; a short campaign (30 minutes: its start
    // SMS go through the sender, and its scheduled close must not run before the close this test
    // runs by hand)
    runtime.clock.set(new Date(Date.now() + 370 * 86_400_000));
    staff = await loginStaff(runtime);
    const campaign = await createAndStart(30 * 60_000);
    await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId: campaign.campaignId } });
    await settle(runtime);
    const page = await dependencies().applications.pendingPage('temirtau', campaign.campaignId, undefined, 1000);
    const byApplicant = new Map<string, Application[]>();
    for (const a of page.applications) byApplicant.set(a.applicantIin, [...(byApplicant.get(a.applicantIin) ?? []), a]);
    const [first, second] = [...byApplicant.keys()];

    // Act 1: the close reads its page; the first parent's survey (sent before the end) writes; then
    // the close writes
    const base = dependencies();
    let confirmedFirst = false;
    const racing: Dependencies = Object.create(base, {
      applications: {
        value: new Proxy(base.applications, {
          get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver);
            if (property !== 'pendingPage') return typeof value === 'function' ? value.bind(target) : value;
            return async (...args: Parameters<typeof target.pendingPage>) => {
              const result = await target.pendingPage(...args);
              if (!confirmedFirst) {
                confirmedFirst = true;
                await confirm(base, first!, runtime.clock.now());
              }
              return result;
            };
          },
        }),
      },
    });
    await runCampaignClose(racing, { tenantId: 'temirtau', campaignId: campaign.campaignId, mode: 'close' }, new Date(Date.parse(campaign.endsAt) + 1000));

    // Act 2: the second parent's confirmation was read before the close stopped it, and lands after
    const secondApplication = (await base.applications.get(byApplicant.get(second!)![0]!.applicationId))!;

    // Assess: the first parent's applications are confirmed and not stopped; the second's stopped, and a late confirm changes nothing
    for (const a of byApplicant.get(first!)!) {
      const stored = (await base.applications.get(a.applicationId))!;
      expect(stored.status).toBe('queued');
      expect(stored.history!.some((e) => e.action === 'stop_cleanup')).toBe(false);
    }
    expect(secondApplication.status).toBe('stopped');
    const { planTransition } = await import('#domain/application-lifecycle');
    const stale = { ...byApplicant.get(second!)![0]! };
    const plan = planTransition(stale, { kind: 'confirm', campaignId: campaign.campaignId, validUntil: '2099-01-01' }, parentActor(second!), runtime.clock.now().toISOString());
    await expect(applyTransitions(base, { changes: [{ application: stale, plan }] })).rejects.toThrow(ConcurrentChangeError);
    expect((await base.applications.get(stale.applicationId))!.status).toBe('stopped');
    expect(first).toBeDefined();
    runtime.clock.set(new Date());
  });
});
