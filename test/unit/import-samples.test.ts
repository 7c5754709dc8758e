import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkApplicationRows, checkKindergartenRows } from '#domain/import-rows';
import { readCsv } from '#use-cases/imports';
import { applicationColumns, kindergartenColumns } from '#domain/import-rows';
import { generateDemoData } from '../../local/demo-data.ts';

const sample = (name: string) => readFileSync(new URL(`../../docs/samples/${name}`, import.meta.url), 'utf8');

describe('the sample import files in docs/samples', () => {
  const data = generateDemoData({ now: new Date('2026-11-25T00:00:00Z') });

  it('should pass every check against the demo tenant (queue)', () => {
    // Act
    const { rows, problems } = readCsv(sample('queue.csv'), applicationColumns);
    const checked = checkApplicationRows(rows, '2026-11-25', new Map(data.kindergartens.map((k) => [k.kindergartenId, k])));
    // Assess
    expect(problems).toEqual([]);
    expect(checked.problems).toEqual([]);
    expect(checked.applications).toHaveLength(5);
    expect(checked.applications[3]!.childName).toBe('Ким Алина, младшая');
  });

  it('should pass every check against the demo tenant (kindergartens)', () => {
    const { rows, problems } = readCsv(sample('kindergartens.csv'), kindergartenColumns);
    const checked = checkKindergartenRows(rows, new Set(data.tenant.districts.map((d) => d.id)));
    expect(problems).toEqual([]);
    expect(checked.problems).toEqual([]);
    expect(checked.kindergartens.map((k) => k.address)).toEqual(['пр. Республики, 12', 'ул. Мира, 7']);
  });

  it('should number rows by their line in the file, also after a field that spans lines', () => {
    const csv = `${applicationColumns.join(',')}\nA,1,"two\nlines",,,,,,,,\n\nB,2,x,,,,,,,,\n`;
    const { rows } = readCsv(csv, applicationColumns);
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
  });
});
