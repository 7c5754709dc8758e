import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage, isUnauthorized } from '../api.ts';
import type { ImportKind, ImportProblem } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { formatNumber } from '../format.ts';
import type { FormError } from '../forms.ts';
import { navigate } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { uploadCsv, type ImportOutcome } from './import-upload.ts';
import { StaffFrame } from './staff-frame.tsx';
import { useDistricts, type District } from './use-districts.ts';
import { applicationColumns, kindergartenColumns, optionalColumns } from '../../../functions/domain/import-rows.ts';
import { instructionLanguages, priorityCategories } from '../../../functions/domain/application.ts';
import kindergartensExample from '../../../docs/samples/kindergartens.csv?raw';
import applicationsExample from '../../../docs/samples/queue.csv?raw';

const kinds: readonly ImportKind[] = ['kindergartens', 'applications'];

function ProblemTable({ rows }: { rows: readonly ImportProblem[] }) {
  const { s, language } = useStaffI18n();
  return (
    <table class="table" data-qa="import-problems">
      <caption>{s.import.problems}</caption>
      <thead>
        <tr>
          <th scope="col" class="numeric">
            {s.import.line}
          </th>
          <th scope="col">{s.import.column}</th>
          <th scope="col">{s.import.problem}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={`${row.line}-${row.column ?? ''}-${index}`} data-qa="import-problem">
            <td data-label={s.import.line} class="numeric">
              {formatNumber(language, row.line)}
            </td>
            <td data-label={s.import.column}>{row.column ?? '—'}</td>
            <td data-label={s.import.problem}>{row.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Each file's columns, as the import checks them (`functions/domain/import-rows.ts`), and its example from `docs/samples/`. */
const files: Record<ImportKind, { readonly columns: readonly (keyof StaffColumns)[]; readonly example: string; readonly name: string }> = {
  kindergartens: { columns: kindergartenColumns, example: kindergartensExample, name: 'kindergartens' },
  applications: { columns: applicationColumns, example: applicationsExample, name: 'queue' },
};

type StaffColumns = ReturnType<typeof useStaffI18n>['s']['import']['columns'];

/** A CSV file as a link target: with a BOM, so Excel reads it as UTF-8. */
function csvHref(text: string): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${text}`)}`;
}

/** The codes a column accepts, where it has a fixed list (the district ids are the department's). */
function valuesOf(column: string, districts: readonly District[]): readonly string[] | undefined {
  if (column === 'ownership') return ['state', 'private'];
  if (column === 'languages' || column === 'language') return instructionLanguages;
  if (column === 'priority') return priorityCategories;
  if (column === 'district' && districts.length > 0) return districts.map((district) => district.id);
  return undefined;
}

/** The two files' templates, examples and columns, so a department can prepare its data. */
function FileFormat() {
  const { s, language } = useStaffI18n();
  const districts = useDistricts();
  return (
    <section aria-labelledby="import-format-heading" class="import-format" data-qa="import-format">
      <h2 id="import-format-heading">{s.import.format}</h2>
      <p>{s.import.formatIntro}</p>
      {kinds.map((kind) => {
        const file = files[kind];
        return (
          <div key={kind} data-qa={`import-format-${kind}`}>
            <h3>{s.import.kinds[kind]}</h3>
            <ul class="plain-list">
              <li>
                <a href={csvHref(`${file.columns.join(',')}\r\n`)} download={`${file.name}-template.csv`} data-qa={`import-template-${kind}`}>
                  {s.import.template(s.import.kinds[kind])}
                </a>
              </li>
              <li>
                <a href={csvHref(file.example)} download={`${file.name}-example.csv`} data-qa={`import-example-${kind}`}>
                  {s.import.example(s.import.kinds[kind])}
                </a>
              </li>
            </ul>
            <table class="table" data-qa={`import-columns-${kind}`}>
              <caption>{s.import.columnsCaption(s.import.kinds[kind])}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.import.columnName}</th>
                  <th scope="col">{s.import.columnMeaning}</th>
                </tr>
              </thead>
              <tbody>
                {file.columns.map((column) => {
                  const values = valuesOf(column, districts);
                  return (
                    <tr key={column} data-qa="import-column" data-column={column}>
                      <th scope="row" data-label={s.import.columnName}>
                        <code>{column}</code>
                      </th>
                      <td data-label={s.import.columnMeaning}>
                        {s.import.columns[column]}
                        {optionalColumns.has(column) && ` ${s.import.optional}`}
                        {values && (
                          <>
                            {' '}
                            {s.import.values(
                              values
                                .map((value) => {
                                  const district = column === 'district' ? districts.find((d) => d.id === value) : undefined;
                                  return district ? `${value} (${district.name[language]})` : value;
                                })
                                .join(', '),
                            )}
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}

type Progress = { readonly done: number; readonly total: number };

/** Imports kindergartens or applications from a CSV file, checked whole before anything is written. */
export function ImportPage() {
  const { t, s, language } = useStaffI18n();
  // The kindergartens call only checks the staff session (and sends a stranger to the login).
  const page = useSessionPage('GET /api/staff/kindergartens', {}, '/staff/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  const [kind, setKind] = useState<ImportKind>('applications');
  const [file, setFile] = useState<File | undefined>();
  const [errors, setErrors] = useState<FormError[]>([]);
  const [phase, setPhase] = useState<'idle' | 'checking' | 'writing'>('idle');
  const [progress, setProgress] = useState<Progress>({ done: 0, total: 0 });
  const [announced, setAnnounced] = useState('');
  const [outcome, setOutcome] = useState<ImportOutcome | undefined>();
  const outcomeRef = useRef<HTMLDivElement>(null);
  const decile = useRef(-1);
  useEffect(() => {
    if (outcome && outcome.kind !== 'empty') outcomeRef.current?.focus();
  }, [outcome]);

  const progressText = (p: Progress) => s.import.progress(formatNumber(language, p.done), formatNumber(language, p.total));
  const onProgress = (done: number, total: number) => {
    setPhase('writing');
    setProgress({ done, total });
    // Screen readers hear the progress at most every 10 %, not after every slice.
    const step = Math.floor((done / total) * 10);
    if (step > decile.current) {
      decile.current = step;
      setAnnounced(s.import.progress(formatNumber(language, done), formatNumber(language, total)));
    }
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    setOutcome(undefined);
    if (!file) return setErrors([{ field: 'import-file', message: s.import.fileMissing }]);
    setErrors([]);
    setPhase('checking');
    setAnnounced(s.import.checking);
    decile.current = -1;
    const result = await uploadCsv(kind, await file.text(), onProgress);
    setPhase('idle');
    setAnnounced('');
    if (result.kind === 'empty') return setErrors([{ field: 'import-file', message: s.import.fileEmpty }]);
    if (result.kind === 'too-large') return setErrors([{ field: 'import-file', message: s.import.fileTooLarge(formatNumber(language, result.megabytes), formatNumber(language, result.rowsPerPart)) }]);
    if (result.kind === 'failed' && isUnauthorized(result.failure)) return navigate('/staff/login');
    setOutcome(result);
  };

  return (
    <StaffFrame identity={identity}>
      <PageHeading>{s.import.title}</PageHeading>
      <ErrorSummary errors={errors} />
      <p class="visually-hidden" role="status" aria-live="polite" data-qa="import-announcement">
        {announced}
      </p>
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {page.state === 'ready' && (
        <form onSubmit={(event) => void onSubmit(event)} noValidate data-qa="import-form">
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{s.import.kind}</legend>
            <div class="radios">
              {kinds.map((option) => (
                <div class="radio" key={option}>
                  <input type="radio" id={`import-kind-${option}`} name="import-kind" value={option} checked={kind === option} onChange={() => setKind(option)} data-qa={`import-kind-${option}`} />
                  <label for={`import-kind-${option}`}>{s.import.kinds[option]}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <div class={errors.length > 0 ? 'field field--error' : 'field'}>
            <label for="import-file">{s.import.file}</label>
            <p class="hint" id="import-file-hint">
              {s.import.fileHint}
            </p>
            {errors[0]?.field === 'import-file' && (
              <p class="field-error" id="import-file-error">
                <span class="visually-hidden">{t.common.errorPrefix} </span>
                {errors[0].message}
              </p>
            )}
            <input
              type="file"
              id="import-file"
              name="import-file"
              accept=".csv,text/csv"
              class="file-input"
              aria-describedby={errors.length > 0 ? 'import-file-hint import-file-error' : 'import-file-hint'}
              onChange={(event) => setFile(event.currentTarget.files?.[0])}
              data-qa="import-file"
            />
          </div>
          <button type="submit" class="button" disabled={phase !== 'idle'} data-qa="import-start">
            {phase === 'checking' ? s.import.checking : s.import.start}
          </button>
        </form>
      )}
      {phase === 'writing' && (
        <div class="import-progress" data-qa="import-progress">
          <label for="import-progress-bar">{s.import.progressLabel}</label>
          <progress id="import-progress-bar" max={progress.total} value={progress.done} />
          <p data-qa="import-progress-text">{progressText(progress)}</p>
        </div>
      )}
      {outcome && outcome.kind !== 'empty' && (
        <div ref={outcomeRef} tabIndex={-1} class="import-outcome" data-qa="import-outcome" data-outcome={outcome.kind}>
          {outcome.kind === 'finished' && (
            <div class="notice">
              <p data-qa="import-finished">{s.import.finished(outcome.total)}</p>
              <p>{s.import.written(outcome.written)}</p>
              {outcome.file === 'applications' && <p>{s.import.positionsLater}</p>}
            </div>
          )}
          {outcome.kind === 'failed' && (
            <div class="notice notice--problem" role="alert" data-qa="import-failed">
              <p>{failureMessage(outcome.failure, t)}</p>
              <p>{s.import.failed(formatNumber(language, outcome.done))}</p>
            </div>
          )}
          {outcome.kind === 'rejected' && (
            <>
              <div class="notice notice--problem" role="alert" data-qa="import-rejected">
                <p>{outcome.message}</p>
                <p>{s.import.rejected}</p>
              </div>
              {outcome.rowsTotal > outcome.rows.length && (
                <p data-qa="import-problems-listed">{s.import.problemsListed(formatNumber(language, outcome.rows.length), formatNumber(language, outcome.rowsTotal))}</p>
              )}
              {outcome.rows.length > 0 && <ProblemTable rows={outcome.rows} />}
            </>
          )}
        </div>
      )}
      {page.state === 'ready' && <FileFormat />}
    </StaffFrame>
  );
}
