import { describe, expect, it } from 'vitest';
import { emptyCounts } from '#domain/campaign';
import { appliedKey } from '#domain/answer-aggregation';
import { ConcurrentChangeError } from '#domain/errors';
import type { KindergartenFields } from '#domain/kindergarten-rules';
import type { CampaignStore } from '#ports/campaigns';
import type { KindergartenStore, SurveyStore, SurveyWrite } from '#ports/stores';
import type { UnitOfWork } from '#ports/unit-of-work';
import { refusal } from './refusal.ts';

/**
 * What any adapter of the survey store must do, in domain terms: an answer replaces exactly the
 * revision it was computed against (a stale or repeated one is refused and changes nothing); a
 * submission's context tells the running campaign, the chosen kindergartens and the applicant's
 * answer; a campaign's answers page through once each with a cursor only passed back; counters
 * move once per answer change (a repeated or concurrent delivery is refused) and sum across
 * however the adapter spreads them. Each test uses its own tenant and campaign, so the suite runs
 * on any adapter beside other tests; `test/integration/port-contracts.test.ts` runs it on DynamoDB Local.
 */
export interface SurveyWorld {
  /** A tenant id no other test uses. */
  readonly tenant: () => string;
  /** A 12-digit IIN no other test uses. */
  readonly iin: () => string;
  readonly unitOfWork: () => UnitOfWork;
  /** The campaign and kindergarten stores of the same adapter (a submission's context reads them). */
  readonly campaigns: () => CampaignStore;
  readonly kindergartens: () => KindergartenStore;
  readonly kindergartenFields: () => KindergartenFields;
}

/** A campaign's answers are kept under `<tenantId>#<campaignId>`. */
const campaignKeyOf = (tenantId: string, campaignId: string) => `${tenantId}#${campaignId}`;

export function surveyStoreContract(name: string, store: () => SurveyStore, world: () => SurveyWorld): void {
  describe(`${name}: SurveyStore`, () => {
    const write = (tenantId: string, campaignId: string, applicantIin: string, overrides: Partial<SurveyWrite> = {}): SurveyWrite => ({
      campaignKey: campaignKeyOf(tenantId, campaignId),
      tenantId,
      campaignId,
      applicantIin,
      answer: { need: 'yes' },
      version: 'kezek-2026-2',
      submittedAt: '2026-10-02T04:00:00.000Z',
      validUntil: '2027-10-02',
      dimensions: { district: 'd-1', cohorts: [2022] },
      counted: ['need#yes'],
      confirms: 1,
      confirmedOn: '2026-10-02',
      ...overrides,
    });
    const commit = (survey: SurveyWrite) => world().unitOfWork().commit([store().answer(survey)]);

    it('should replace an answer only over the revision it was computed against, and tell the applicant’s answer in any campaign', async () => {
      // Prepare
      const tenantId = world().tenant();
      const iin = world().iin();
      // Act
      await commit(write(tenantId, 'c-1', iin));
      const repeated = await refusal(commit(write(tenantId, 'c-1', iin, { answer: { need: 'no' } })));
      await commit(write(tenantId, 'c-1', iin, { answer: { need: 'no' }, submittedAt: '2026-10-03T04:00:00.000Z', replacesRevision: 1 }));
      const stale = await refusal(commit(write(tenantId, 'c-1', iin, { answer: { need: 'maybe' }, replacesRevision: 1 })));
      const context = await store().context(tenantId, iin, [], 'c-1');
      // Assess: no campaign runs in the tenant, so the answer is not one to replace, only to view
      expect(repeated).toBeInstanceOf(ConcurrentChangeError);
      expect(stale).toBeInstanceOf(ConcurrentChangeError);
      expect(context).toEqual({
        kindergartens: [],
        answered: { campaignId: 'c-1', answer: { need: 'no' }, revision: 2, submittedAt: '2026-10-03T04:00:00.000Z', validUntil: '2027-10-02', version: 'kezek-2026-2', dimensions: { district: 'd-1', cohorts: [2022] } },
      });
      expect(await store().context(tenantId, iin, [], 'c-2')).toEqual({ kindergartens: [] });
      expect(await store().context(tenantId, world().iin(), [], 'c-1')).toEqual({ kindergartens: [] });
    });

    it("should give a submission the running campaign, the chosen kindergartens and the answer it would replace", async () => {
      // Prepare: a running campaign, two kindergartens, an answer in it and one in an older campaign
      const tenantId = world().tenant();
      const at = '2026-09-20T04:00:00.000Z';
      for (const campaignId of ['c-old', 'c-now']) {
        await world().campaigns().create({ tenantId, campaignId, year: 2026, startsAt: at, endsAt: at, status: 'draft', createdAt: at, counts: { ...emptyCounts } });
      }
      const summary = { year: 2026, startsAt: '2026-10-01T04:00:00.000Z', endsAt: '2026-11-01T04:00:00.000Z', extensionYears: 2, surveyVersion: 'kezek-2026-2' };
      await world().campaigns().transition(tenantId, 'c-now', ['draft'], 'active', { guard: 'take', summary });
      await world().kindergartens().create(tenantId, 'k-1', world().kindergartenFields());
      await world().kindergartens().create(tenantId, 'k-2', world().kindergartenFields());
      const current = world().iin();
      const former = world().iin();
      await commit(write(tenantId, 'c-now', current));
      await commit(write(tenantId, 'c-old', former));
      // Act
      const now = await store().context(tenantId, current, ['k-2', 'k-none', 'k-2'], 'c-now');
      const before = await store().context(tenantId, former, ['k-1'], 'c-old');
      const fresh = await store().context(tenantId, world().iin(), []);
      // Assess
      expect(now.campaign).toEqual({ campaignId: 'c-now', ...summary });
      expect(now.kindergartens.map((k) => k.kindergartenId)).toEqual(['k-2']);
      expect(now.previous).toMatchObject({ revision: 1, answer: { need: 'yes' } });
      expect(now.answered).toMatchObject({ campaignId: 'c-now', revision: 1 });
      expect(before.previous).toBeUndefined();
      expect(before.answered).toMatchObject({ campaignId: 'c-old', revision: 1 });
      expect(before.kindergartens.map((k) => k.kindergartenId)).toEqual(['k-1']);
      expect(fresh).toEqual({ campaign: { campaignId: 'c-now', ...summary }, kindergartens: [] });
    });

    it("should page a campaign's answers, each once, with a cursor only passed back", async () => {
      // Prepare: five answers in the campaign, one in another
      const tenantId = world().tenant();
      const days = [1, 2, 3, 4, 5];
      for (const day of days) await commit(write(tenantId, 'c-1', world().iin(), { submittedAt: `2026-10-0${day}T04:00:00.000Z` }));
      await commit(write(tenantId, 'c-2', world().iin(), { submittedAt: '2026-10-09T04:00:00.000Z' }));
      // Act
      const pages: string[][] = [];
      let next: string | undefined;
      do {
        const page = await store().answersPage(campaignKeyOf(tenantId, 'c-1'), next, 2);
        pages.push(page.answers.map((a) => a.submittedAt));
        next = page.next;
      } while (next !== undefined && pages.length < 10);
      // Assess
      expect(pages.flat().sort()).toEqual(days.map((day) => `2026-10-0${day}T04:00:00.000Z`));
      expect(pages.every((page) => page.length <= 2)).toBe(true);
      expect((await store().answersPage(campaignKeyOf(tenantId, 'c-1'))).answers[0]).toEqual({ answer: { need: 'yes' }, version: 'kezek-2026-2', submittedAt: expect.any(String), dimensions: { district: 'd-1', cohorts: [2022] } });
      expect(await store().answersPage(campaignKeyOf(tenantId, 'c-none'))).toEqual({ answers: [] });
    });

    it('should move the counters once per answer change, refuse a repeated delivery, and sum them however they are spread', async () => {
      // Prepare
      const campaignKey = campaignKeyOf(world().tenant(), 'c-1');
      const [first, second] = [world().iin(), world().iin()];
      const slices = (moves: Record<string, Record<string, number>>) => new Map([[campaignKey, new Map(Object.entries(moves).map(([slice, deltas]) => [slice, new Map(Object.entries(deltas))]))]]);
      const aggregate = (group: Parameters<SurveyStore['aggregation']>[0]) => world().unitOfWork().commit([store().aggregation(group)]);
      // Act: two answers counted; the same delivery again; then the first answer changes
      await aggregate({ markers: [{ campaignKey, applicantIin: first, sequence: '100' }, { campaignKey, applicantIin: second, sequence: '200' }], slices: slices({ all: { 'need#yes': 2 }, 'district#d-1': { 'need#yes': 1 } }), spreadBy: 'delivery-1' });
      const repeated = await refusal(aggregate({ markers: [{ campaignKey, applicantIin: first, sequence: '100' }], slices: slices({ all: { 'need#yes': 1 } }), spreadBy: 'delivery-1' }));
      const applied = await store().appliedSequences([{ campaignKey, applicantIin: first }, { campaignKey, applicantIin: second }, { campaignKey, applicantIin: world().iin() }]);
      await aggregate({ markers: [{ campaignKey, applicantIin: first, sequence: '300', applied: applied.get(appliedKey({ campaignKey, applicantIin: first }))! }], slices: slices({ all: { 'need#yes': -1, 'need#no': 1 }, 'district#d-1': { 'need#yes': -1 } }), spreadBy: 'delivery-2' });
      const stale = await refusal(aggregate({ markers: [{ campaignKey, applicantIin: first, sequence: '400', applied: applied.get(appliedKey({ campaignKey, applicantIin: first }))! }], slices: slices({ all: { 'need#no': 5 } }), spreadBy: 'delivery-3' }));
      // Assess
      expect(repeated).toBeInstanceOf(ConcurrentChangeError);
      expect(stale).toBeInstanceOf(ConcurrentChangeError);
      expect(applied.size).toBe(2);
      expect(BigInt(applied.get(appliedKey({ campaignKey, applicantIin: first }))!)).toBe(100n);
      expect(BigInt(applied.get(appliedKey({ campaignKey, applicantIin: second }))!)).toBe(200n);
      expect(await store().slices(campaignKey, ['all', 'district#d-1', 'cohort#2022'])).toEqual(
        new Map([
          ['all', new Map([['need#yes', 1], ['need#no', 1]])],
          ['district#d-1', new Map()],
          ['cohort#2022', new Map()],
        ]),
      );
      const after = await store().appliedSequences([{ campaignKey, applicantIin: first }]);
      expect(BigInt(after.get(appliedKey({ campaignKey, applicantIin: first }))!)).toBe(300n);
    });
  });
}
