import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, settle, startCampaignNow, startTestRuntime, type Client } from '../support/runtime.ts';

let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(300);
  staff = await loginStaff(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

describe('cancelling a running campaign', () => {
  it('should cancel it, clear its pending marks in the background, and let the department start another', async () => {
    // Prepare: a running campaign with applications waiting for confirmation
    const campaignId = await startCampaignNow(runtime, staff);
    const pendingBefore = await dependencies().applications.pendingPage('temirtau', campaignId, undefined, 1000);
    expect(pendingBefore.applications.length).toBeGreaterThan(0);
    // Act
    const cancelled = await staff.call('POST /api/staff/campaigns/{campaignId}/cancel', { params: { campaignId } });
    await settle(runtime);
    // Assess: nothing left pending, and the one-active guard released
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.campaign.status).toBe('cancelled');
    expect((await dependencies().applications.pendingPage('temirtau', campaignId, undefined, 1000)).applications).toEqual([]);
    expect(await startCampaignNow(runtime, staff)).not.toBe(campaignId);
  });
});
