import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { kindergartenColumns } from '#domain/import-rows';
import type { LocalRuntime } from '../../local/runtime.ts';
import { queueCsv } from '../support/csv.ts';
import { loginStaff, nextStaffCode, settle, startTestRuntime, type Client } from '../support/runtime.ts';

const run = promisify(execFile);
const workDir = mkdtempSync(join(tmpdir(), 'kezek-import-'));
let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(200);
  staff = await loginStaff(runtime);
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const russianKindergartens = () => runtime.seed!.data.kindergartens.filter((k) => k.languages.includes('ru')).map((k) => k.kindergartenId);

/** Every queued application of a cohort, with its stored position, through the sparse queue index. */
async function cohort(birthYear: number) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamoDocumentClient().send(
      new QueryCommand({
        TableName: runtime.tableNames.applications,
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePartition = :p',
        ExpressionAttributeValues: { ':p': `temirtau#${birthYear}` },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items as { applicationId: string; position?: number }[];
}

/** `npm run import` as a user runs it, against this runtime's URL. */
async function importCommand(kind: string, file: string) {
  // The staff member's second-factor code, as they would read it off their phone.
  const code = await nextStaffCode(runtime, runtime.seed!.data.staff.login);
  return run(process.execPath, ['--import', 'tsx', 'local/import-cli.ts', '--kind', kind, '--file', file, '--url', runtime.url, '--lang', 'en', '--code', code], {
    cwd: join(import.meta.dirname, '..', '..'),
  });
}

describe('importing the queue', () => {
  // 2,000 rows: the CLI still checks the whole file in one request and sends it in several slices
  // of 500; the point is that every row lands once with a position, not how long a city's file takes.
  const file = join(workDir, 'queue-2000.csv');

  it('should import a 2,000-row file in several slices and give every application a position', async () => {
    // Prepare: 2,000 children born in 2024, none of them in the demo queue
    writeFileSync(file, queueCsv(2_000, { birthYear: 2024, kindergartenIds: russianKindergartens(), prefix: 'B' }));
    const before = await cohort(2024);
    // Act
    const { stdout } = await importCommand('applications', file);
    // Assess
    expect(stdout).toContain('imported: 2000 new, 0 already there');
    // Sent in slices of 500: the progress bar shows the first and the last
    expect(stdout).toContain('] 500/2000');
    expect(stdout).toContain('] 2000/2000');
    expect(stdout).toContain('positions: being brought up to date in 8 birth-year cohorts');
    await settle(runtime);
    const after = await cohort(2024);
    expect(after.length).toBe(before.length + 2_000);
    const positions = after.map((a) => a.position).sort((a, b) => a! - b!);
    expect(positions).toEqual(Array.from({ length: after.length }, (_, i) => i + 1));
  }, 240_000); // 2,000 rows through the API: a few seconds on an idle 2-core machine, more beside other test files

  it('should change nothing when the same file is imported again', async () => {
    // Prepare
    const before = await cohort(2024);
    // Act
    const { stdout } = await importCommand('applications', file);
    // Assess
    expect(stdout).toContain('imported: 0 new, 2000 already there');
    await settle(runtime);
    expect(await cohort(2024)).toEqual(before);
  }, 240_000);

  it('should import nothing from a file with 3 bad rows and list each of them', async () => {
    // Prepare: 50 good rows with 3 broken: a bad check digit, an unknown priority, an empty kindergarten list
    const lines = queueCsv(50, { birthYear: 2023, kindergartenIds: russianKindergartens(), prefix: 'C', serialBase: 7000 }).trimEnd().split('\n');
    const cells = (line: number) => lines[line - 1]!.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, ''));
    const replace = (line: number, column: number, value: string) => {
      const row = cells(line);
      row[column] = value;
      lines[line - 1] = row.slice(0, 11).join(',');
    };
    const childIin = cells(5)[1]!;
    replace(5, 1, childIin.slice(0, 11) + String((Number(childIin[11]) + 1) % 10));
    replace(17, 7, 'vip');
    replace(40, 8, '');
    const before = await cohort(2023);
    // Act
    const answer = await staff.call('POST /api/staff/imports/{kind}/check', { params: { kind: 'applications' }, body: { csv: `${lines.join('\n')}\n` } }, { language: 'ru' });
    const rows = await staff.call('POST /api/staff/imports/{kind}/rows', { params: { kind: 'applications' }, body: { csv: `${lines.join('\n')}\n`, firstLine: 2 } }, { language: 'ru' });
    // Assess: the same three problems from both endpoints, and no row written
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('import_rejected');
    expect(answer.body.error.rows).toEqual([
      { line: 5, column: 'child_iin', message: 'Такого ИИН не существует: неверная дата или контрольная цифра.' },
      { line: 17, column: 'priority', message: 'Неизвестная категория льготы.' },
      { line: 40, column: 'kindergartens', message: 'Обязательное поле.' },
    ]);
    expect(rows.status).toBe(400);
    expect(rows.body.error.rows).toHaveLength(3);
    expect(await cohort(2023)).toEqual(before);
  });

  it('should refuse a child who already waits under another id', async () => {
    // Prepare: a demo child, re-keyed with a new external id
    const demo = runtime.seed!.data.applications.find((a) => a.status === 'queued' && a.language === 'ru')!;
    const header = queueCsv(1, { birthYear: 2023, kindergartenIds: russianKindergartens() }).split('\n')[0];
    // The parent's own phone: a row with another one would be refused for that too.
    const phone = runtime.seed!.data.parents.find((p) => p.iin === demo.applicantIin)!.phone;
    const row = ['X1', demo.childIin, 'Name', demo.applicantIin, phone, 'Parent', '2024-01-10', 'none', russianKindergartens()[0], 'ru', ''].join(',');
    // Act
    const answer = await staff.call('POST /api/staff/imports/{kind}/check', { params: { kind: 'applications' }, body: { csv: `${header}\n${row}\n` } }, { language: 'en' });
    // Assess
    expect(answer.body.error.rows).toEqual([{ line: 2, column: 'child_iin', message: 'This child already has another active application with this education department.' }]);
  });

  it('should list the first 1,000 problems of a city-sized file wrong in every row, and say how many there are, never 500', async () => {
    // Prepare: 30,000 rows, each with its date written the Russian way and an unknown priority (60,000 problems, over 7 MB as a list)
    const lines = queueCsv(30_000, { birthYear: 2023, kindergartenIds: russianKindergartens(), prefix: 'W', serialBase: 1 }).trimEnd().split('\n');
    const csv = [lines[0], ...lines.slice(1).map((line) => line.replace(/,(\d{4})-(\d{2})-(\d{2}),(none|large_family),/, ',$3.$2.$1,vip,'))].join('\n');
    // Act
    const answer = await staff.call('POST /api/staff/imports/{kind}/check', { params: { kind: 'applications' }, body: { csv: `${csv}\n` } }, { language: 'ru' });
    // Assess
    expect(answer.status, JSON.stringify(answer.body).slice(0, 200)).toBe(400);
    expect(answer.body.error.code).toBe('import_rejected');
    expect(answer.body.error.rowsTotal).toBe(60_000);
    expect(answer.body.error.rows).toHaveLength(1_000);
    expect(answer.body.error.rows.slice(0, 2)).toEqual([
      { line: 2, column: 'registered_at', message: 'Укажите дату в формате ГГГГ-ММ-ДД.' },
      { line: 2, column: 'priority', message: 'Неизвестная категория льготы.' },
    ]);
    expect(answer.body.error.rows[999]).toEqual({ line: 501, column: 'priority', message: 'Неизвестная категория льготы.' });
  });

  it('should report a header that lacks a column or has an unknown one', async () => {
    const answer = await staff.call('POST /api/staff/imports/{kind}/check', { params: { kind: 'applications' }, body: { csv: 'external_id,child_iin,colour\nA,1,red\n' } }, { language: 'en' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.rows).toContainEqual({ line: 1, column: 'colour', message: 'Unknown column.' });
    expect(answer.body.error.rows).toContainEqual({ line: 1, column: 'priority', message: 'This column is missing.' });
  });
});

describe('importing kindergartens', () => {
  const header = kindergartenColumns.join(',');
  const row = (id: string, capacity: number) =>
    [id, '"№99 «Айгөлек» бөбекжай-бақшасы"', '"Ясли-сад №99 «Айгөлек», корпус 2"', 'Nursery No. 99', 'state', 'kk;ru', 'old-town', '"ул. Мира, 5"', '50.061', '72.971', ...Array(5).fill(String(capacity))].join(',');

  it('should import kindergartens with quoted commas and a BOM, then keep places taken on a re-import', async () => {
    // Prepare
    const csv = `\uFEFF${header}\r\n${row('kg-901', 25)}\r\n${row('kg-902', 30)}\r\n`;
    // Act
    const first = await staff.call('POST /api/staff/imports/{kind}/rows', { params: { kind: 'kindergartens' }, body: { csv, firstLine: 2 } });
    const afterFirst = (await staff.call('GET /api/staff/kindergartens')).body.kindergartens.find((k: { kindergartenId: string }) => k.kindergartenId === 'kg-901');
    const second = await staff.call('POST /api/staff/imports/{kind}/rows', { params: { kind: 'kindergartens' }, body: { csv, firstLine: 2 } });
    const afterSecond = (await staff.call('GET /api/staff/kindergartens')).body.kindergartens.find((k: { kindergartenId: string }) => k.kindergartenId === 'kg-901');
    // Assess
    expect(first.body).toEqual({ kind: 'kindergartens', written: 2 });
    expect(second.body).toEqual({ kind: 'kindergartens', written: 2 });
    expect(afterFirst!.name.ru).toBe('Ясли-сад №99 «Айгөлек», корпус 2');
    expect(afterFirst!.occupancy).toEqual({ nursery: 0, junior: 0, middle: 0, senior: 0, preschool: 0 });
    expect(afterSecond).toEqual(afterFirst);
  });

  it('should refuse a district the department does not have and coordinates outside Kazakhstan', async () => {
    const bad = row('kg-903', 20).replace('old-town', 'atlantis').replace('50.061', '10.5');
    const answer = await staff.call('POST /api/staff/imports/{kind}/check', { params: { kind: 'kindergartens' }, body: { csv: `${header}\n${bad}\n` } }, { language: 'en' });
    expect(answer.body.error.rows).toEqual([
      { line: 2, column: 'district', message: 'This education department has no such district.' },
      { line: 2, column: 'lat', message: 'The coordinate lies outside Kazakhstan.' },
    ]);
  });
});
