import { useState } from 'preact/hooks';
import { failureMessage, isUnauthorized, type ApiFailure } from '../../api.ts';
import { api } from '../../client.ts';
import type { CampaignExport, ExportKind } from '../../api-types.ts';
import { formatNumber } from '../../format.ts';
import { navigate } from '../../router.tsx';
import { useStaffI18n } from '../i18n/context.ts';
import { usePoll } from '../use-poll.ts';
import { formatPercent } from './percent.ts';

/** A running export is asked for its progress this often. */
const pollMs = 1_000;
const kinds: readonly ExportKind[] = ['answers', 'aggregates'];

/** One kind of CSV: start it, watch its progress bar, then download it. */
function ExportItem({ campaignId, kind }: { campaignId: string; kind: ExportKind }) {
  const { t, s, language } = useStaffI18n();
  const text = s.dashboard.exports;
  const [current, setCurrent] = useState<CampaignExport | undefined>();
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState('');

  const fail = (failure: ApiFailure) => (isUnauthorized(failure) ? navigate('/staff/login') : setProblem(failureMessage(failure, t)));

  const start = async () => {
    setStarting(true);
    setProblem('');
    // The file's header row and option labels come in the language the page is read in.
    const result = await api('POST /api/staff/campaigns/{campaignId}/exports', { params: { campaignId }, body: { kind, language } });
    setStarting(false);
    if (result.ok) setCurrent(result.data.export);
    else fail(result.failure);
  };

  const running = current?.status === 'running';
  // The export goes on in the background whatever happens to a poll.
  usePoll(
    running,
    pollMs,
    current,
    () => api('GET /api/staff/campaigns/{campaignId}/exports/{exportId}', { params: { campaignId, exportId: current?.exportId ?? '' } }),
    (answer) => setCurrent(answer.export),
  );

  const status = starting ? t.common.sending : current?.status === 'done' ? text.ready : current?.status === 'failed' ? '' : running ? text.running : '';
  const progressId = `export-${kind}-progress`;
  return (
    <div class="export" data-qa="export" data-kind={kind} data-status={current?.status ?? 'idle'}>
      <h3>{text.kinds[kind]}</h3>
      <p class="hint">{text.hints[kind]}</p>
      <button type="button" class="button button--secondary" onClick={() => void start()} disabled={starting || running} data-qa={`export-${kind}`}>
        {text.buttons[kind]}
      </button>
      {running && current && (
        <div class="campaign-progress" data-qa="export-progress">
          <label for={progressId}>{text.progressLabel}</label>
          <progress id={progressId} max={Math.max(current.total, 1)} value={current.processed} data-qa="export-progress-bar" />
          <p>
            {text.progress(formatNumber(language, current.processed), formatNumber(language, current.total))}
            {current.total > 0 && ` (${formatPercent(language, Math.min(1, current.processed / current.total))})`}
          </p>
        </div>
      )}
      <p class="visually-hidden" role="status">
        {status}
      </p>
      {current?.status === 'done' && current.downloadUrl && (
        <p>
          <a href={current.downloadUrl} download={current.fileName ?? true} data-qa="export-download">
            {text.download(current.fileName ?? text.kinds[kind])}
          </a>
          {current.rows !== undefined && <span class="hint"> {text.rows(current.rows)}</span>}
        </p>
      )}
      {(problem || current?.status === 'failed') && (
        <p class="inline-error" role="alert" data-qa="export-error">
          {problem || text.failed}
        </p>
      )}
    </div>
  );
}

/** CSV exports of the campaign, produced in the background so a large one never times out. */
export function Exports({ campaignId }: { campaignId: string }) {
  const { s } = useStaffI18n();
  return (
    <section aria-labelledby="exports-heading" data-qa="exports">
      <h2 id="exports-heading">{s.dashboard.exports.heading}</h2>
      <p>{s.dashboard.exports.intro}</p>
      <div class="exports">
        {kinds.map((kind) => (
          <ExportItem key={kind} campaignId={campaignId} kind={kind} />
        ))}
      </div>
    </section>
  );
}
