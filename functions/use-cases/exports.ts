import { randomInt, randomUUID } from 'node:crypto';
import { placesOf } from '#domain/application';
import { campaignPolicy, pendingKey } from '#domain/campaign';
import { csvLine, delimiterFor, utf8Bom } from '#domain/csv-write';
import { NotFoundError } from '#domain/errors';
import { kazakhstanDate, mondayOf } from '#domain/kazakhstan-time';
import type { Language } from '#domain/language';
import { policyOf } from '#domain/policy';
import { allSlice, sliceOf } from '#domain/survey-answers';
import { surveyOfCampaign } from '#domain/survey-definition';
import { aggregateTable, answerTable, exportSlices, type ExportLookups } from '#domain/survey-export';
import type { Dependencies } from '#ports/dependencies';
import { unlimitedBudget, type ExportPart, type JobBudget, type JobTask } from '#ports/scheduler';
import type { ExportRecord } from '#ports/stores';
import { cohortsOf } from './campaign-commands.ts';
import { scheduleNames } from './schedule-names.ts';

/** Records and files are kept a week; download links live five minutes. */
const keepSeconds = 7 * 86_400;
const linkSeconds = 300;
const pageSize = 1_000;

/** Staff start an export: a record to poll, and a job that writes the file in the background. */
export async function startExport(
  deps: Pick<Dependencies, 'campaigns' | 'exports' | 'surveys' | 'scheduler'>,
  input: { tenantId: string; campaignId: string; kind: 'answers' | 'aggregates'; language: Language; now: Date },
): Promise<ExportRecord> {
  const campaign = await deps.campaigns.get(input.tenantId, input.campaignId);
  if (!campaign) throw new NotFoundError(input.campaignId);
  const total =
    input.kind === 'answers' ? ((await deps.surveys.slices(pendingKey(input.tenantId, input.campaignId), [allSlice])).get(allSlice)?.get('answers#total') ?? 0) : 0;
  const record: ExportRecord = {
    tenantId: input.tenantId,
    exportId: `x-${randomUUID()}`,
    campaignId: input.campaignId,
    kind: input.kind,
    language: input.language,
    status: 'running',
    createdAt: input.now.toISOString(),
    processed: 0,
    total,
    expiresAtEpoch: Math.floor(input.now.getTime() / 1000) + keepSeconds,
  };
  await deps.exports.create(record);
  await deps.scheduler.enqueue({ name: scheduleNames.export(record.exportId), task: { kind: 'export', tenantId: input.tenantId, exportId: record.exportId } });
  return record;
}

/**
 * A job that has not finished an hour after the export was asked for has failed for good: its
 * function runs 15 minutes at most and is tried three times (then its task goes to the dead-letter
 * queue), so the page stops waiting and offers to start again.
 */
const givenUpAfterMs = 3_600_000;

/** An export as staff see it: progress, and once done a short-lived download link. */
export async function exportView(deps: Pick<Dependencies, 'exports' | 'files' | 'clock'>, input: { tenantId: string; campaignId: string; exportId: string }) {
  const record = await deps.exports.get(input.tenantId, input.exportId);
  // Another campaign's id in the path finds nothing either: ids are only valid with their campaign.
  if (!record || record.campaignId !== input.campaignId) throw new NotFoundError(input.exportId);
  const abandoned = record.status === 'running' && deps.clock().getTime() - Date.parse(record.createdAt) > givenUpAfterMs;
  return describeExport(deps, abandoned ? { ...record, status: 'failed' } : record);
}

/** The record without its storage details, plus the link once the file is there. */
export async function describeExport(deps: Pick<Dependencies, 'files'>, record: ExportRecord) {
  const { tenantId: _tenant, fileKey, expiresAtEpoch: _expiry, ...view } = record;
  return { ...view, ...(record.status === 'done' && fileKey && record.fileName && { downloadUrl: await deps.files.downloadUrl(fileKey, record.fileName, linkSeconds) }) };
}

async function lookupsOf(deps: Pick<Dependencies, 'tenants' | 'kindergartens'>, tenantId: string, language: Language) {
  const [tenant, kindergartens] = await Promise.all([deps.tenants.get(tenantId), deps.kindergartens.listByTenant(tenantId)]);
  const kindergartenNames = new Map(kindergartens.map((k) => [k.kindergartenId, k.name[language]]));
  const districtNames = new Map((tenant?.districts ?? []).map((d) => [d.id, d.name[language]]));
  const lookups: ExportLookups = { kindergartenName: (id) => kindergartenNames.get(id) ?? id, districtName: (id) => districtNames.get(id) ?? id };
  const places = new Map(kindergartens.map((k) => [k.kindergartenId, placesOf(k.capacity)]));
  return { tenant, kindergartenIds: kindergartens.map((k) => k.kindergartenId), kindergartenPlaces: (id: string) => places.get(id) ?? 0, lookups };
}

/** Where an export keeps the runs of answers its invocations read (under its own folder: the bucket's week-long expiry takes them with the file). */
const runKey = (tenantId: string, exportId: string, n: number) => `exports/${tenantId}/${exportId}/runs/${n}.jsonl`;

/** An answer as a run holds it: its week, a random key that orders it within its week, and what its row shows. */
interface RunEntry {
  readonly week: string;
  readonly key: number;
  readonly answer: Record<string, unknown>;
  readonly dimensions?: { district: string; cohorts: readonly number[] };
}

/** A run's keys are below 2^48 - 1 (the widest range `randomInt` draws from): ties between two answers of a week are left to chance too. */
const runKeyBound = 2 ** 48 - 1;

/**
 * The export job (idempotent, resumable; an interrupted export starts the invocation it was in
 * over and writes the same keys). Answers are read a page at a time from the campaign's partition
 * of the answers table, with the progress written after each page; once its budget says so, an
 * invocation writes what it read as a run file and hands over to a continuation at the answers'
 * cursor. The last one reads the earlier runs back and writes the CSV. The answers are read in
 * applicant-IIN order (the parents' birth dates), so each gets a random key with fresh randomness
 * and the rows are ordered by week and then by that key: the order within a week says nothing
 * about who answered, whichever run an answer was read in.
 */
export async function runExport(
  deps: Pick<Dependencies, 'exports' | 'files' | 'surveys' | 'tenants' | 'kindergartens' | 'campaigns' | 'scheduler'>,
  task: Omit<Extract<JobTask, { kind: 'export' }>, 'kind'>,
  options: { budget?: JobBudget } = {},
): Promise<{ rows: number; read?: number; handedOverTo?: number }> {
  const record = await deps.exports.get(task.tenantId, task.exportId);
  if (!record || record.status !== 'running') return { rows: 0 };
  const budget = options.budget ?? unlimitedBudget;
  const campaignKey = pendingKey(task.tenantId, record.campaignId);
  const lines: string[] = [utf8Bom];
  const delimiter = delimiterFor(record.language);
  let rows = 0;
  if (record.kind === 'answers') {
    const part = task.part ?? { n: 0, read: 0 };
    const read: RunEntry[] = [];
    let next: string | undefined = task.part?.after;
    do {
      const page = await deps.surveys.answersPage(campaignKey, next, task.pageSize ?? pageSize);
      for (const a of page.answers) {
        read.push({ week: mondayOf(kazakhstanDate(new Date(a.submittedAt))), key: randomInt(runKeyBound), answer: a.answer, ...(a.dimensions && { dimensions: a.dimensions }) });
      }
      next = page.next;
      await deps.exports.progress(task.tenantId, task.exportId, part.read + read.length, Math.max(record.total, part.read + read.length));
    } while (next && !budget.handOver());
    if (next) {
      // Only a run that hands over is written: the last one is assembled from memory with the others.
      await deps.files.put(runKey(task.tenantId, task.exportId, part.n), Buffer.from(read.map((entry) => `${JSON.stringify(entry)}\n`).join(''), 'utf8'), 'application/x-ndjson');
      const continuation: ExportPart = { n: part.n + 1, after: next, read: part.read + read.length };
      await deps.scheduler.enqueue({ name: scheduleNames.exportPart(task.exportId, continuation.n), task: { kind: 'export', tenantId: task.tenantId, exportId: task.exportId, part: continuation, ...(task.pageSize !== undefined && { pageSize: task.pageSize }) } });
      return { rows: 0, read: read.length, handedOverTo: continuation.n };
    }
    const answers: RunEntry[] = [];
    for (let n = 0; n <= part.n; n++) {
      const run = n === part.n ? read : await readRun(deps, runKey(task.tenantId, task.exportId, n));
      answers.push(...run);
    }
    answers.sort((a, b) => a.week.localeCompare(b.week) || a.key - b.key);
    const { lookups } = await lookupsOf(deps, task.tenantId, record.language);
    // The questions are those the campaign asked, whatever the department asks now.
    const definition = surveyOfCampaign((await deps.campaigns.get(task.tenantId, record.campaignId)) ?? {});
    const table = answerTable(definition, record.language, lookups);
    lines.push(csvLine(table.header, delimiter));
    for (const answer of answers) lines.push(csvLine(table.row(++rows, { answer: answer.answer, submittedOn: answer.week, ...(answer.dimensions && { dimensions: answer.dimensions }) }), delimiter));
  } else {
    const { tenant, kindergartenIds, kindergartenPlaces, lookups } = await lookupsOf(deps, task.tenantId, record.language);
    const campaign = await deps.campaigns.get(task.tenantId, record.campaignId);
    const definition = surveyOfCampaign(campaign ?? {});
    const cohorts = campaign ? cohortsOf(campaign.year, campaignPolicy(campaign, policyOf(tenant?.policy))).sort((a, b) => a - b) : [];
    const wanted = exportSlices((tenant?.districts ?? []).map((d) => d.id), cohorts).map((filter) => ({ ...filter, slice: sliceOf(filter) }));
    const counters = await deps.surveys.slices(campaignKey, wanted.map((w) => w.slice));
    const table = aggregateTable(definition, record.language, { ...lookups, kindergartenIds, kindergartenPlaces }, wanted.map((w) => ({ ...w, counters: counters.get(w.slice) ?? new Map() })));
    lines.push(csvLine(table.header, delimiter));
    for (const row of table.rows) lines.push(csvLine(row, delimiter));
    rows = table.rows.length;
    await deps.exports.progress(task.tenantId, task.exportId, rows, rows);
  }
  const fileName = `kezek-${record.campaignId}-${record.kind}-${record.language}.csv`;
  const fileKey = `exports/${task.tenantId}/${task.exportId}/${fileName}`;
  await deps.files.put(fileKey, Buffer.from(lines.join(''), 'utf8'), 'text/csv; charset=utf-8');
  await deps.exports.finish(task.tenantId, task.exportId, { status: 'done', rows, fileKey, fileName });
  return { rows };
}

/** A run written by an earlier invocation of the same export; missing, the export cannot be whole, so the job fails (and is tried again). */
async function readRun(deps: Pick<Dependencies, 'files'>, key: string): Promise<RunEntry[]> {
  const bytes = await deps.files.get(key);
  if (!bytes) throw new Error(`export run ${key} is missing`);
  return new TextDecoder()
    .decode(bytes)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RunEntry);
}
