import { describe, expect, it } from 'vitest';
import { aggregateTable, answerTable, loadPercent } from '#domain/survey-export';
import { surveyDefinition } from '#domain/survey-definition';

/** Version 1, whose export columns these tests write down. */
const firstVersion = surveyDefinition('kezek-2026-1')!;

const lookups = { kindergartenName: (id: string) => `name of ${id}`, districtName: (id: string) => `district ${id}` };

describe('the answers CSV table', () => {
  it('should give a multi-select question one 1/0 column per option in English, and leave a question nobody answered blank', () => {
    // Prepare
    const table = answerTable(firstVersion, 'en', lookups);
    const answer = {
      answer: { kindergartens: ['kg-7'], ownership: { choice: 'private', reasons: ['cost'] }, language: { choice: 'kk' }, fee: { choice: 'up-to-15000' }, activities: { options: ['football', 'astronomy'] } },
      submittedOn: '2026-11-30',
      dimensions: { district: 'old-town', cohorts: [2021, 2022] },
    };

    // Act
    const row = table.row(4, answer);

    // Assess
    expect(table.header.slice(7, 13)).toEqual(['State or private?', 'State or private? — Why? — Quality', 'State or private? — Why? — Cost', 'Language of instruction', 'Highest monthly parental fee you would pay', 'Extra paid activities — Football']);
    expect(row).toEqual([
      4, '2026-11-30', 'district old-town', '2021, 2022', 'name of kg-7', '', '',
      'Private', 0, 1,
      'Kazakh', 'up to 15 000 ₸',
      1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
      '', '', '', '', '', '', '', '', '', '', '', '',
    ]);
    expect(row).toHaveLength(table.header.length);
  });
});

describe('the aggregates CSV table', () => {
  it('should put places and load on the kindergartens’ rows only', () => {
    // Prepare
    const counters = new Map([['answers#total', 5], ['kindergartens#kg-1', 3], ['language#kk', 4]]);

    // Act
    const table = aggregateTable(firstVersion, 'en', { ...lookups, kindergartenIds: ['kg-1', 'kg-2'], kindergartenPlaces: (id) => (id === 'kg-1' ? 2 : 0) }, [{ slice: 'all', counters }]);

    // Assess
    expect(table.header).toEqual(['District (first choice)', 'Birth year', 'Question', 'Option', 'Count', 'Places (all age groups)', 'Load, %']);
    expect(table.rows.slice(0, 3)).toEqual([
      ['All', 'All', 'Answers', '', 5, '', ''],
      ['All', 'All', 'Kindergartens', 'name of kg-1', 3, 2, 150],
      ['All', 'All', 'Kindergartens', 'name of kg-2', 0, 0, ''],
    ]);
    expect(table.rows).toContainEqual(['All', 'All', 'Language of instruction', 'Kazakh', 4, '', '']);
  });

  it('should round load to a whole percent and leave it blank without places', () => {
    // Act and assess
    expect(loadPercent(2, 193)).toBe(1);
    expect(loadPercent(1, 3)).toBe(33);
    expect(loadPercent(4, 0)).toBe('');
  });
});
