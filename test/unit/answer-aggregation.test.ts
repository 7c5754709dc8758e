import { describe, expect, it } from 'vitest';
import { changeConfirms, changeSliceDeltas, combineChanges, groupChanges, groupCost, isAfter, type AnswerChange, type CountedRevision } from '#domain/answer-aggregation';

const revision = (n: number, keys: string[], district: string, cohorts: number[], confirms = 0): CountedRevision => ({ revision: n, keys, dimensions: { district, cohorts }, confirms, confirmedOn: '2026-12-06' });

const change = (iin: string, sequence: string, before: CountedRevision | undefined, after: CountedRevision | undefined): AnswerChange => ({
  campaignKey: 't#c',
  tenantId: 't',
  campaignId: 'c',
  applicantIin: iin,
  sequence,
  ...(before && { before }),
  ...(after && { after }),
});

describe('the aggregation of answer changes', () => {
  it('should count a first answer in all, its district, its cohort and both', () => {
    // Act
    const moves = changeSliceDeltas({ after: revision(1, ['answers#total', 'fee#a'], 'north', [2022]) });
    // Assess
    expect(Object.fromEntries([...moves].map(([slice, deltas]) => [slice, Object.fromEntries(deltas)]))).toEqual({
      all: { 'answers#total': 1, 'fee#a': 1 },
      'district#north': { 'answers#total': 1, 'fee#a': 1 },
      'cohort#2022': { 'answers#total': 1, 'fee#a': 1 },
      'district#north#cohort#2022': { 'answers#total': 1, 'fee#a': 1 },
    });
  });

  it('should move a re-submission that changes district and an option by the difference only', () => {
    // Act
    const moves = changeSliceDeltas({ before: revision(1, ['answers#total', 'fee#a'], 'north', [2022]), after: revision(2, ['answers#total', 'fee#b'], 'south', [2022]) });
    // Assess
    expect(Object.fromEntries([...moves].map(([slice, deltas]) => [slice, Object.fromEntries(deltas)]))).toEqual({
      all: { 'fee#a': -1, 'fee#b': 1 },
      'cohort#2022': { 'fee#a': -1, 'fee#b': 1 },
      'district#north': { 'answers#total': -1, 'fee#a': -1 },
      'district#north#cohort#2022': { 'answers#total': -1, 'fee#a': -1 },
      'district#south': { 'answers#total': 1, 'fee#b': 1 },
      'district#south#cohort#2022': { 'answers#total': 1, 'fee#b': 1 },
    });
  });

  it('should count the confirmations of a new revision only', () => {
    // Act, Assess
    expect(changeConfirms({ after: revision(1, [], 'north', [2022], 2) })).toEqual({ count: 2, day: '2026-12-06' });
    expect(changeConfirms({ before: revision(1, [], 'north', [2022], 2), after: revision(1, [], 'north', [2022], 2) })).toBeUndefined();
    expect(changeConfirms({ before: revision(1, [], 'north', [2022], 2), after: revision(2, [], 'north', [2022], 0) })).toBeUndefined();
  });

  it('should add a batch of answers up to one move per slice', () => {
    // Arrange: 50 parents of one district and cohort, each a first answer with 2 applications confirmed
    const changes = Array.from({ length: 50 }, (_, i) => change(`iin${i}`, String(i + 1), undefined, revision(1, ['answers#total', i % 2 === 0 ? 'fee#a' : 'fee#b'], 'north', [2022], 2)));
    // Act
    const moves = combineChanges(changes);
    // Assess: 4 slices, 25 of each fee, 50 answers; one confirmed move of 100
    expect(moves.slices.get('t#c')!.size).toBe(4);
    expect(Object.fromEntries(moves.slices.get('t#c')!.get('all')!)).toEqual({ 'answers#total': 50, 'fee#a': 25, 'fee#b': 25 });
    expect(moves.confirmed).toEqual([{ tenantId: 't', campaignId: 'c', day: '2026-12-06', delta: 100 }]);
    expect(groupCost(changes)).toBe(50 + 4 + 1);
  });

  it('should split changes into groups within the budget, in order', () => {
    // Arrange: 100 answers in 100 districts (5 items for the first, 1 marker + 2 new slices for each after it: 29 a group)
    const changes = Array.from({ length: 100 }, (_, i) => change(`iin${i}`, String(i + 1), undefined, revision(1, ['answers#total'], `d${i}`, [2022])));
    // Act
    const groups = groupChanges(changes, 90);
    // Assess
    expect(groups.flat()).toEqual(changes);
    for (const group of groups) expect(groupCost(group)).toBeLessThanOrEqual(90);
    expect(groups.length).toBe(4);
  });

  it('should compare stream sequence numbers as numbers whatever their width', () => {
    // Act, Assess
    expect(isAfter('10', '9')).toBe(true);
    expect(isAfter('000000000000000000009', '10')).toBe(false);
    expect(isAfter('5', undefined)).toBe(true);
    expect(isAfter('5', '5')).toBe(false);
  });
});
