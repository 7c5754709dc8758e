import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dependencies } from '#adapters/dependencies';
import type { Dependencies } from '#ports/dependencies';
import type { JobBudget, JobTask } from '#ports/scheduler';
import { runExport } from '#use-cases/exports';
import { sliceOf } from '#domain/survey-answers';
import { currentSurvey } from '#domain/survey-definition';
import type { LocalRuntime } from '../../local/runtime.ts';
import { recountSlices, storedAnswersAndSlices } from '../support/aggregates.ts';
import { aggregated, loginParent, loginStaff, parentsAwaitingConfirmation, settle, startCampaignNow, startTestRuntime, type Client } from '../support/runtime.ts';
import { addOtherTenant } from '../support/tenants.ts';

let runtime: LocalRuntime;
let staff: Client;
let campaignId: string;
const parents: { client: Client; iin: string }[] = [];

/** Varied answers: the i-th parent picks kindergartens across districts and cycles through the options. */
function answersOf(i: number, kindergartenIds: readonly string[]) {
  const pick = (offset: number) => kindergartenIds[(i * 7 + offset) % kindergartenIds.length]!;
  const fees = ['up-to-10000', 'up-to-20000', 'up-to-30000', 'up-to-50000'];
  return {
    kindergartens: i % 3 === 0 ? [pick(0)] : [pick(0), pick(11), pick(23)],
    ownership: { choice: ['any', 'state', 'private'][i % 3]!, reasons: i % 2 === 0 ? ['quality'] : ['quality', 'cost'] },
    language: { choice: i % 4 === 0 ? 'ru' : 'kk' },
    fee: { choice: fees[i % fees.length]! },
    activities: { options: i % 2 === 0 ? ['chess', 'drawing'] : ['football'], ...(i % 5 === 0 && { other: 'Домбыра' }) },
    digital: { options: i % 3 === 0 ? [] : ['android', 'cashless'] },
  };
}

beforeAll(async () => {
  // No sender: the dashboard counts answers, not SMS (the start's stay queued; outbox.test.ts sends them)
  runtime = await startTestRuntime(600, { smsSender: false });
  staff = await loginStaff(runtime);
  campaignId = await startCampaignNow(runtime, staff);
  parents.push(...(await parentsAwaitingConfirmation(runtime, 18)));
  const kindergartenIds = runtime.seed!.data.kindergartens.map((k) => k.kindergartenId);
  for (const [i, parent] of parents.entries()) {
    const sent = await parent.client.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answersOf(i, kindergartenIds) } });
    if (sent.status !== 200) throw new Error(`survey answered ${sent.status}`);
  }
  // One parent changes their mind: another first choice (often another district) and other options.
  await parents[1]!.client.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answersOf(40, kindergartenIds) } });
  // The counters follow the answers through the stream (decision 54): read them once it has caught up.
  await aggregated(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

type Dashboard = {
  answers: number;
  progress: Record<string, number>;
  byDay: { date: string; confirmed: number; stopped: number; restored: number }[];
  kindergartens: { kindergartenId: string; chosen: number; capacity: number }[];
  districts: { id: string; chosen: number; capacity: number; outline: [number, number][] }[];
  questions: { id: string; options: { id: string; count: number }[]; reasons?: { options: { id: string; count: number }[] } }[];
  cohorts: number[];
};

/** Every number of a dashboard against the recount of one slice. */
function expectCountsEqual(dashboard: Dashboard, recount: Record<string, number> = {}) {
  const count = (key: string) => recount[key] ?? 0;
  expect(dashboard.answers).toBe(count('answers#total'));
  for (const k of dashboard.kindergartens) expect(k.chosen, k.kindergartenId).toBe(count(`kindergartens#${k.kindergartenId}`));
  for (const q of dashboard.questions) {
    for (const o of q.options) expect(o.count, `${q.id}#${o.id}`).toBe(count(`${q.id}#${o.id}`));
    for (const o of q.reasons?.options ?? []) expect(o.count, `${q.id}.reasons#${o.id}`).toBe(count(`${q.id}.reasons#${o.id}`));
  }
}

describe('the campaign dashboard', () => {
  it('should show every count equal to a recount from the answers table', async () => {
    // Act
    const answer = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
    // Assess
    expect(answer.status).toBe(200);
    const { answers, slices } = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
    expect(answers).toHaveLength(parents.length);
    expect(answer.body.answers).toBe(parents.length);
    expectCountsEqual(answer.body, recountSlices(answers).all);
    expect(slices).toEqual(recountSlices(answers));
    expect(answer.body.questions.map((q: { id: string }) => q.id)).toEqual(['ownership', 'language', 'fee', 'activities', 'digital']);
    for (const district of answer.body.districts as Dashboard['districts']) {
      const inside = (answer.body.kindergartens as Dashboard['kindergartens']).filter((k) => runtime.seed!.data.kindergartens.find((s) => s.kindergartenId === k.kindergartenId)!.district === district.id);
      expect(district.chosen).toBe(inside.reduce((sum, k) => sum + k.chosen, 0));
      expect(district.outline.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('should show progress whose pending equals the pending index, and a by-day series that adds up', async () => {
    // Act
    const { body } = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
    // Assess
    const pending = await dependencies().applications.countPending('temirtau', campaignId);
    expect(body.progress.pending).toBe(pending);
    expect(body.progress.confirmed).toBeGreaterThanOrEqual(parents.length);
    expect(body.progress.inScope).toBe(body.progress.confirmed + pending);
    expect((body.byDay as Dashboard['byDay']).reduce((sum, day) => sum + day.confirmed, 0)).toBe(body.progress.confirmed);
  });

  it('should narrow every count to a district, a cohort, or both, as a recount of that slice says', async () => {
    // Prepare
    const { answers } = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
    const recount = recountSlices(answers);
    const { district, cohorts } = answers[0]!.dimensions as { district: string; cohorts: number[] };
    for (const filter of [{ district }, { cohort: cohorts[0]! }, { district, cohort: cohorts[0]! }]) {
      // Act
      const answer = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId }, query: filter });
      // Assess
      expect(answer.status).toBe(200);
      expect(answer.body.filter).toEqual(filter);
      expect(answer.body.answers).toBeGreaterThan(0);
      expectCountsEqual(answer.body, recount[sliceOf(filter)]);
    }
  });

  it('should cost the same few DynamoDB requests however many answers there are', async () => {
    // Prepare
    const before = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
    // Act: more answers, then the same dashboard
    const more = await loginParent(runtime, runtime.seed!.data.parents.find((p) => p.iin === parents[2]!.iin)!);
    await more.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: answersOf(77, runtime.seed!.data.kindergartens.map((k) => k.kindergartenId)) } });
    const after = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId }, query: { cohort: before.body.cohorts[0] } });
    // Assess: the session and the staff account (the authorizer), the tenant; the kindergartens
    // (one page per 1 MB of them); the campaign with its 64 counter shards; one slice's 64 shards;
    // the count of parents reached on no channel (one page of a sparse index)
    const expected = { GetItemCommand: 3, QueryCommand: 2, BatchGetItemCommand: 2 };
    expect(JSON.parse(before.headers.get('x-kezek-dynamodb-requests')!)).toEqual(expected);
    expect(JSON.parse(after.headers.get('x-kezek-dynamodb-requests')!)).toEqual(expected);
  });

  it('should refuse an unknown district or cohort with field errors in Kazakh', async () => {
    const district = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId }, query: { district: 'atlantis' } }, { language: 'kk' });
    const cohort = await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId }, query: { cohort: '2001' } }, { language: 'kk' });
    expect(district.status).toBe(400);
    expect(district.body.error.fields).toEqual([expect.objectContaining({ path: 'district', message: 'Бұл білім бөлімінде мұндай аудан жоқ.' })]);
    expect(cohort.status).toBe(400);
    expect(cohort.body.error.fields).toEqual([expect.objectContaining({ path: 'cohort', message: 'Бұл науқанда мұндай туған жыл жоқ.' })]);
  });
});

/** The Monday of an instant's week in Kazakhstan time (UTC+5), as the answers export writes it. */
function mondayOfWeek(instant: string): string {
  const day = new Date(Date.parse(instant) + 5 * 3_600_000);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** CSV text (CRLF, double quotes) as rows of cells: a reader of our own, independent of the writer. */
function csvRows(text: string, delimiter: ';' | ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) row.push(cell), (cell = '');
    else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      (row = []), (cell = ''), (i += 1);
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Runs an export to the end and downloads its file. */
async function exported(kind: 'answers' | 'aggregates', language: 'kk' | 'ru' | 'en') {
  const started = await staff.call('POST /api/staff/campaigns/{campaignId}/exports', { params: { campaignId }, body: { kind, language } });
  expect(started.status).toBe(202);
  expect(started.body.export).toMatchObject({ kind, language, status: 'running', processed: 0 });
  await settle(runtime);
  const done = await staff.call('GET /api/staff/campaigns/{campaignId}/exports/{exportId}', { params: { campaignId, exportId: started.body.export.exportId } });
  expect(done.body.export).toMatchObject({ status: 'done' });
  const file = await fetch(`${runtime.url}${done.body.export.downloadUrl}`);
  expect(file.status).toBe(200);
  const bytes = Buffer.from(await file.arrayBuffer());
  return { view: done.body.export, bytes, text: bytes.toString('utf8'), disposition: file.headers.get('content-disposition') ?? '' };
}

/**
 * What LibreOffice reads from the file (headless convert to HTML with `;` and UTF-8), as cell texts per row.
 * Asynchronous on purpose: a conversion that blocked the event loop for longer than the local server's keep-alive
 * would leave the client a pooled socket that the server closes under the next request (ECONNRESET).
 */
async function libreOfficeCells(bytes: Buffer, delimiter: ';' | ','): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'kezek-csv-'));
  writeFileSync(join(dir, 'export.csv'), bytes);
  await promisify(execFile)('soffice', ['--headless', `--infilter=CSV:${delimiter.charCodeAt(0)},34,76,1`, '--convert-to', 'html', '--outdir', dir, join(dir, 'export.csv')], { timeout: 60_000 });
  const html = readFileSync(join(dir, 'export.html'), 'utf8');
  return [...html.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => cell!.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&nbsp;/g, ' ').trim()),
  );
}

describe('the exports', () => {
  it('should export one row per answer with no IIN, no name and no free text, readable in LibreOffice with Kazakh letters', async () => {
    // Act
    const { view, bytes, text, disposition } = await exported('answers', 'kk');
    // Assess
    const { answers } = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(view.rows).toBe(answers.length);
    expect(view.processed).toBe(answers.length);
    expect(disposition).toContain('attachment');
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(answers.length + 1);
    expect(text).not.toMatch(/\d{12}/);
    expect(text).not.toContain('Домбыра');
    const names = runtime.seed!.data.applications.filter((a) => parents.some((p) => p.iin === a.applicantIin)).map((a) => a.childName);
    for (const name of names) expect(text).not.toContain(name);
    const cells = await libreOfficeCells(bytes, ';');
    expect(cells).toHaveLength(answers.length + 1);
    expect(cells[0]!.slice(0, 3)).toEqual(['№', 'Жауап аптасы (дүйсенбі)', 'Аудан (1-таңдау)']);
    // Of the time, only the week: every date is a Monday, and the weeks are in order
    const weeks = lines.slice(1).map((line) => line.split(';')[1]!);
    expect(weeks.every((week) => new Date(`${week}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(weeks).toEqual([...weeks].sort());
    expect(cells.slice(1).map((row) => Number(row[0]))).toEqual(answers.map((_, i) => i + 1));
    const districtNames = runtime.seed!.data.tenant.districts.map((d) => d.name.kk);
    expect(cells.slice(1).every((row) => districtNames.includes(row[2]!))).toBe(true);
    expect(cells.flat().join(' ')).toMatch(/[әғқңөұүһі]/);
  });

  it('should export the aggregates of every slice, equal to the recount', async () => {
    // Act
    const { view, bytes } = await exported('aggregates', 'ru');
    // Assess
    const cells = await libreOfficeCells(bytes, ';');
    const [header, ...rows] = cells;
    expect(header).toEqual(['Район (первый выбор)', 'Год рождения', 'Вопрос', 'Вариант', 'Количество', 'Мест (все возрастные группы)', 'Нагрузка, %']);
    expect(rows).toHaveLength(view.rows!);
    const { answers } = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
    const total = rows.find((row) => row[0] === 'Все' && row[1] === 'Все' && row[2] === 'Число ответов');
    expect(Number(total![4])).toBe(answers.length);
    const chess = rows.find((row) => row[0] === 'Все' && row[1] === 'Все' && row[3] === 'Шахматы');
    expect(Number(chess![4])).toBe(recountSlices(answers).all!['activities#chess'] ?? 0);
  });

  it('should export the answers in Russian with one column per option of a multi-select question and a literal row for the first parent', async () => {
    // Act
    const { text } = await exported('answers', 'ru');
    // Assess
    const [header, ...rows] = csvRows(text.slice(1), ';');
    expect(header).toEqual([
      '№', 'Неделя ответа (понедельник)', 'Район (первый выбор)', 'Годы рождения детей', 'Детский сад 1', 'Детский сад 2', 'Детский сад 3',
      'Государственный или частный детский сад?', 'Государственный или частный детский сад? — Почему? — Качество', 'Государственный или частный детский сад? — Почему? — Стоимость',
      'Язык обучения', 'Максимальная ежемесячная родительская плата',
      'Дополнительные платные занятия — Футбол', 'Дополнительные платные занятия — Спортивные танцы', 'Дополнительные платные занятия — Бальные танцы',
      'Дополнительные платные занятия — Шахматы', 'Дополнительные платные занятия — Баскетбол', 'Дополнительные платные занятия — Рисование',
      'Дополнительные платные занятия — Юный предприниматель', 'Дополнительные платные занятия — Занимательная химия', 'Дополнительные платные занятия — Каратэ',
      'Дополнительные платные занятия — Компьютерная графика', 'Дополнительные платные занятия — Юный эколог', 'Дополнительные платные занятия — Астрономия',
      'Дополнительные платные занятия — Другое',
      'Какие возможности личного кабинета были бы вам полезны? — Онлайн-счета', 'Какие возможности личного кабинета были бы вам полезны? — Профиль воспитателя', 'Какие возможности личного кабинета были бы вам полезны? — Безналичная оплата',
      'Какие возможности личного кабинета были бы вам полезны? — Контроль питания (меню, калории, поставщик)', 'Какие возможности личного кабинета были бы вам полезны? — Автоперерасчёт за пропущенные дни',
      'Какие возможности личного кабинета были бы вам полезны? — Электронные договоры', 'Какие возможности личного кабинета были бы вам полезны? — Табели посещаемости', 'Какие возможности личного кабинета были бы вам полезны? — Приложение для Android',
      'Какие возможности личного кабинета были бы вам полезны? — Приложение для iOS', 'Какие возможности личного кабинета были бы вам полезны? — Паспорт здоровья и медосмотры',
      'Какие возможности личного кабинета были бы вам полезны? — Портфолио достижений ребёнка', 'Какие возможности личного кабинета были бы вам полезны? — Онлайн-приёмная (письма, жалобы, запросы)',
    ]);
    expect(rows.every((row) => row.length === header!.length)).toBe(true);
    // The first parent answered kg-001 alone, "any" for quality, Russian, up to 10 000 ₸, chess,
    // drawing and their own "other", no digital service. Only the week and the children's birth
    // years depend on the day the test runs: read from the stored answer and the calendar.
    const { answers } = await storedAnswersAndSlices(runtime, 'temirtau', campaignId);
    const first = answers.find((a) => a.applicantIin === parents[0]!.iin)!;
    const week = mondayOfWeek(first.submittedAt as string);
    const cohorts = (first.dimensions as { cohorts: number[] }).cohorts.join(', ');
    const expected = [
      week, 'Посёлок Чкалово', cohorts, 'Детский сад №1 «Бала алеми»', '', '',
      'Не важно', '1', '0',
      'Русский', 'до 10 000 ₸',
      '0', '0', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', '1',
      '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0',
    ];
    expect(rows.map((row) => row.slice(1))).toContainEqual(expected);
  });

  it('should export the places and load of every kindergarten beside its count in the aggregates', async () => {
    // Act
    const { text } = await exported('aggregates', 'ru');
    // Assess: kg-001 (31 + 29 + 35 + 59 + 39 = 193 places) was chosen by parents 0 and 11: 2 / 193 = 1 %
    const [header, ...rows] = csvRows(text.slice(1), ';');
    expect(header).toEqual(['Район (первый выбор)', 'Год рождения', 'Вопрос', 'Вариант', 'Количество', 'Мест (все возрастные группы)', 'Нагрузка, %']);
    expect(rows).toContainEqual(['Все', 'Все', 'Детские сады', 'Детский сад №1 «Бала алеми»', '2', '193', '1']);
    // Rows of the questions leave places and load blank: Russian, parents 0, 4, 8, 12, 16 and parent 1's second answer (as 40)
    expect(rows).toContainEqual(['Все', 'Все', 'Язык обучения', 'Русский', '6', '', '']);
  });

  it('should show an export whose job never finished as failed an hour after it was asked for, and a recent one as running', async () => {
    // Prepare: two records whose jobs never ran (as when every attempt failed and the task went to the dead-letter queue)
    const now = runtime.clock.now();
    const record = (exportId: string, createdAt: Date) => ({
      tenantId: 'temirtau', exportId, campaignId, kind: 'answers' as const, language: 'ru' as const, status: 'running' as const,
      createdAt: createdAt.toISOString(), processed: 0, total: 10, expiresAtEpoch: Math.floor(now.getTime() / 1000) + 86_400,
    });
    await dependencies().exports.create(record('x-stuck', new Date(now.getTime() - 61 * 60_000)));
    await dependencies().exports.create(record('x-recent', new Date(now.getTime() - 5 * 60_000)));
    // Act
    const stuck = await staff.call('GET /api/staff/campaigns/{campaignId}/exports/{exportId}', { params: { campaignId, exportId: 'x-stuck' } });
    const recent = await staff.call('GET /api/staff/campaigns/{campaignId}/exports/{exportId}', { params: { campaignId, exportId: 'x-recent' } });
    // Assess
    expect(stuck.body.export).toMatchObject({ status: 'failed' });
    expect(stuck.body.export.downloadUrl).toBeUndefined();
    expect(recent.body.export).toMatchObject({ status: 'running' });
  });

  it('should write the same rows when the answers export hands over after every page, a crash at a hand-over included', async () => {
    // Prepare: two records run by hand (no job of the runtime's takes them): one in a single invocation, one in
    // pages of 5 answers with a hand-over after each; its first continuation is enqueued and then the invocation
    // fails, so that invocation runs again (as Lambda retries it) and the continuation is enqueued twice
    const now = runtime.clock.now();
    const record = (exportId: string) => ({
      tenantId: 'temirtau', exportId, campaignId, kind: 'answers' as const, language: 'ru' as const, status: 'running' as const,
      createdAt: now.toISOString(), processed: 0, total: 18, expiresAtEpoch: Math.floor(now.getTime() / 1000) + 86_400,
    });
    await dependencies().exports.create(record('x-whole'));
    await dependencies().exports.create(record('x-handed'));
    const enqueued: JobTask[] = [];
    let crashed = false;
    const deps: Dependencies = Object.create(dependencies(), {
      scheduler: {
        value: {
          scheduleOnce: async () => undefined,
          enqueue: async (job: { task: JobTask }) => {
            enqueued.push(job.task);
            if (!crashed && enqueued.length === 1) {
              crashed = true;
              throw new Error('the invocation dies after its continuation was enqueued');
            }
          },
        },
      },
    });
    const everyPage: JobBudget = { handOver: () => true };

    // Act
    const whole = await runExport(deps, { tenantId: 'temirtau', exportId: 'x-whole' });
    const invocations: Awaited<ReturnType<typeof runExport>>[] = [];
    let task: JobTask = { kind: 'export', tenantId: 'temirtau', exportId: 'x-handed', pageSize: 5 };
    for (let attempt = 0; attempt < 20; attempt++) {
      if (task.kind !== 'export') throw new Error(`not an export: ${task.kind}`);
      const outcome = await runExport(deps, task, { budget: everyPage }).catch(() => undefined);
      if (!outcome) continue; // the crash: the same task again
      invocations.push(outcome);
      if (outcome.handedOverTo === undefined) break;
      task = enqueued.at(-1)!;
    }

    // Assess: 18 answers in pages of 5 → 4 invocations (plus the one that crashed), one continuation enqueued twice
    expect(whole.rows).toBe(18);
    expect(invocations.map((i) => i.handedOverTo)).toEqual([1, 2, 3, undefined]);
    expect(invocations.at(-1)!.rows).toBe(18);
    expect(enqueued.map((t) => (t.kind === 'export' ? t.part?.n : undefined))).toEqual([1, 1, 2, 3]);
    const fileOf = async (exportId: string) => {
      const done = (await dependencies().exports.get('temirtau', exportId))!;
      expect(done).toMatchObject({ status: 'done', rows: 18, processed: 18 });
      return csvRows(new TextDecoder().decode(await dependencies().files.get(done.fileKey!)).slice(1), ';');
    };
    const [wholeHeader, ...wholeRows] = await fileOf('x-whole');
    const [handedHeader, ...handedRows] = await fileOf('x-handed');
    expect(handedHeader).toEqual(wholeHeader);
    expect(handedRows.map((row) => row[0])).toEqual(Array.from({ length: 18 }, (_, i) => String(i + 1)));
    const weeks = handedRows.map((row) => row[1]!);
    expect(weeks).toEqual([...weeks].sort());
    // The same rows but their numbers (each week's order is drawn afresh)
    const unnumbered = (rows: string[][]) => rows.map((row) => row.slice(1).join(';')).sort();
    expect(unnumbered(handedRows)).toEqual(unnumbered(wholeRows));
  });

  it('should refuse a tampered or expired download link', async () => {
    // Prepare
    const started = await staff.call('POST /api/staff/campaigns/{campaignId}/exports', { params: { campaignId }, body: { kind: 'aggregates', language: 'en' } });
    await settle(runtime);
    const { body } = await staff.call('GET /api/staff/campaigns/{campaignId}/exports/{exportId}', { params: { campaignId, exportId: started.body.export.exportId } });
    const url = new URL(body.export.downloadUrl!, runtime.url);
    // Act
    const tampered = await fetch(new URL(url.pathname.replace('aggregates', 'answers') + url.search, runtime.url));
    runtime.clock.advance(10 * 60_000);
    const late = await fetch(url);
    runtime.clock.set(new Date());
    // Assess
    expect(tampered.status).toBe(403);
    expect(late.status).toBe(403);
  });
});

describe('who may see it', () => {
  it('should refuse a parent (403) and show another department nothing of this one', async () => {
    // Prepare
    const other = await loginStaff(runtime, await addOtherTenant(runtime));
    const exportStarted = await staff.call('POST /api/staff/campaigns/{campaignId}/exports', { params: { campaignId }, body: { kind: 'aggregates', language: 'ru' } });
    const exportId = exportStarted.body.export.exportId;
    const requests: [string, string, unknown?][] = [
      ['GET', `/api/staff/campaigns/${campaignId}/dashboard`],
      ['POST', `/api/staff/campaigns/${campaignId}/exports`, { kind: 'answers', language: 'ru' }],
      ['GET', `/api/staff/campaigns/${campaignId}/exports/${exportId}`],
    ];
    for (const [method, path, body] of requests) {
      // Act
      const byParent = await parents[0]!.client.request(method, path, { body });
      const byOtherStaff = await other.request(method, path, { body });
      // Assess: a parent is no staff member; another department's staff find nothing under these ids
      expect(byParent.status, path).toBe(403);
      expect(byOtherStaff.status, path).toBe(404);
      expect(JSON.stringify(byOtherStaff.body)).not.toContain('temirtau');
    }
  });
});

describe('restores', () => {
  it('should count a restore from the stop-list for the campaign that stopped it, on its day', async () => {
    // Prepare: the campaign ends and its close stops what nobody confirmed
    runtime.clock.advance(31 * 86_400_000);
    await settle(runtime);
    // A month later the morning's session has expired: staff log in again.
    const staffLater = await loginStaff(runtime);
    const closed = await staffLater.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
    expect(closed.body.campaign.status).toBe('closed');
    expect(closed.body.progress.pending).toBe(0);
    expect(closed.body.progress.stopped).toBeGreaterThan(0);
    const stoppedOne = [...(await storedStopped())][0]!;
    const parent = await loginParent(runtime, runtime.seed!.data.parents.find((p) => p.iin === stoppedOne.applicantIin)!);
    // Act
    const restored = await parent.call('POST /api/cabinet/applications/{applicationId}/restore', { params: { applicationId: stoppedOne.applicationId } });
    // Assess
    expect(restored.status).toBe(200);
    const after = await staffLater.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
    expect(after.body.progress.restored).toBe(1);
    expect((after.body.byDay as Dashboard['byDay']).reduce((sum, day) => sum + day.restored, 0)).toBe(1);
    expect((after.body.byDay as Dashboard['byDay']).reduce((sum, day) => sum + day.stopped, 0)).toBe(after.body.progress.stopped);
    runtime.clock.set(new Date());
  });
});

/** Applications the close stopped, read through the demo parents' cabinets' store query. */
async function storedStopped() {
  const stopped = [];
  for (const parent of runtime.seed!.data.parents.slice(0, 200)) {
    for (const application of await dependencies().applications.listByApplicant(parent.iin)) {
      if (application.status === 'stopped' && application.history?.some((e) => e.action === 'stop_cleanup' && e.details?.campaignId === campaignId)) stopped.push(application);
    }
    if (stopped.length > 0) break;
  }
  return stopped;
}
