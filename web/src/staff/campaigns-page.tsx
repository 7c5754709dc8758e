import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage, isUnauthorized, type ApiFailure } from '../api.ts';
import { api } from '../client.ts';
import type { Campaign, CampaignPreview, CreateCampaign } from '../api-types.ts';
import { ErrorSummary } from '../components/error-summary.tsx';
import { InlineConfirm } from '../components/inline-confirm.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatDateTime, formatNumber } from '../format.ts';
import { errorFor, type FormError } from '../forms.ts';
import { Link, navigate } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';
import { useStaffI18n } from './i18n/context.ts';
import { kazakhstanToday } from './places.ts';
import { SelectField } from './select-field.tsx';
import { may, StaffFrame } from './staff-frame.tsx';
import { usePoll } from './use-poll.ts';

/** While a campaign runs or closes its counters move: the list is fetched again this often. */
const pollMs = 5_000;
/** How often a preview being counted is read again, and for how long at most (a city's count takes about a minute). */
const previewPollMs = 700;
const previewPatienceMs = 10 * 60_000;

type Counted = Exclude<CampaignPreview, { state: 'none' }>;
const demoLengths = ['2', '5', '15'] as const;
const minuteMs = 60_000;

/** A `datetime-local` value (`YYYY-MM-DDTHH:mm`) of an instant, in the browser's time zone. */
function localInputValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Now, rounded up to the next whole minute: the start a new campaign is offered. */
function nextMinute(now = Date.now()): Date {
  return new Date(Math.floor(now / minuteMs) * minuteMs + minuteMs);
}

/** The instant a `datetime-local` value names (read in the browser's zone), or undefined. */
function instantOf(value: string): Date | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const fieldIds: Readonly<Record<string, string>> = { year: 'campaign-year', startsAt: 'campaign-start', endsAt: 'campaign-end' };

/** Staff create a campaign as a draft; the end defaults (server side) to one month after the start. */
function CreateCampaignForm({
  errors,
  setErrors,
  onCreated,
  demo,
}: {
  errors: FormError[];
  setErrors: (errors: FormError[]) => void;
  onCreated: (campaign: Campaign) => void;
  /** The short demo campaign control: only on the local runtime (`/api/me` says `localRuntime`). */
  demo: boolean;
}) {
  const { t, s } = useStaffI18n();
  const [year, setYear] = useState(kazakhstanToday().slice(0, 4));
  const [start, setStart] = useState(() => localInputValue(nextMinute()));
  const [end, setEnd] = useState('');
  const [demoLength, setDemoLength] = useState<string>(demoLengths[0]);
  const [busy, setBusy] = useState(false);

  const fillDemoEnd = () => {
    const startsAt = instantOf(start) ?? nextMinute();
    if (!instantOf(start)) setStart(localInputValue(startsAt));
    setEnd(localInputValue(new Date(startsAt.getTime() + Number(demoLength) * minuteMs)));
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const startsAt = instantOf(start);
    const endsAt = instantOf(end);
    const problems: FormError[] = [
      ...(/^\d{4}$/.test(year.trim()) ? [] : [{ field: 'campaign-year', message: s.campaigns.yearMissing }]),
      ...(startsAt ? [] : [{ field: 'campaign-start', message: s.campaigns.startMissing }]),
      ...(end !== '' && (!endsAt || (startsAt && endsAt <= startsAt)) ? [{ field: 'campaign-end', message: s.campaigns.endBeforeStart }] : []),
    ];
    if (problems.length > 0 || !startsAt) return setErrors(problems);
    const body: CreateCampaign = { year: Number(year.trim()), startsAt: startsAt.toISOString(), ...(endsAt && { endsAt: endsAt.toISOString() }) };
    setBusy(true);
    setErrors([]);
    const result = await api('POST /api/staff/campaigns', { body });
    setBusy(false);
    if (result.ok) return onCreated(result.data.campaign);
    const { failure } = result;
    if (isUnauthorized(failure)) return navigate('/staff/login');
    const fields = failure.kind === 'http' ? failure.error?.fields : undefined;
    if (fields?.length) {
      setErrors(
        fields.map(({ path, message }) => {
          const field = fieldIds[path.split(/[./]/)[0] ?? ''];
          return field === undefined ? { message } : { field, message };
        }),
      );
    } else setErrors([{ message: failureMessage(failure, t) }]);
  };

  return (
    <section aria-labelledby="create-campaign-heading">
      <h2 id="create-campaign-heading">{s.campaigns.create}</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate data-qa="create-campaign-form">
        <TextField
          id="campaign-year"
          label={s.campaigns.year}
          hint={s.campaigns.yearHint}
          error={errorFor(errors, 'campaign-year')}
          value={year}
          onValue={setYear}
          inputMode="numeric"
          autocomplete="off"
          maxLength={4}
          width="code"
          qa="campaign-year"
        />
        <TextField
          id="campaign-start"
          type="datetime-local"
          label={s.campaigns.start}
          hint={s.campaigns.startHint}
          error={errorFor(errors, 'campaign-start')}
          value={start}
          onValue={setStart}
          qa="campaign-start"
        />
        <TextField
          id="campaign-end"
          type="datetime-local"
          label={s.campaigns.end}
          hint={s.campaigns.endHint}
          error={errorFor(errors, 'campaign-end')}
          value={end}
          onValue={setEnd}
          qa="campaign-end"
        />
        {demo && (
          <fieldset class="fieldset" aria-describedby="demo-hint" data-qa="demo-campaign">
            <legend class="fieldset__legend">{s.campaigns.demo}</legend>
            <p class="hint" id="demo-hint">
              {s.campaigns.demoHint}
            </p>
            <SelectField
              id="demo-length"
              label={s.campaigns.demoLength}
              value={demoLength}
              onValue={setDemoLength}
              options={demoLengths.map((minutes) => ({ value: minutes, label: s.campaigns.minutes(Number(minutes)) }))}
              qa="demo-length"
            />
            <button type="button" class="button button--secondary" onClick={fillDemoEnd} data-qa="demo-fill">
              {s.campaigns.demoFill}
            </button>
          </fieldset>
        )}
        <button type="submit" class="button" disabled={busy} data-qa="create-campaign">
          {busy ? t.common.sending : s.campaigns.submit}
        </button>
        <p class="visually-hidden" role="status">
          {busy ? t.common.sending : ''}
        </p>
      </form>
    </section>
  );
}

/** The count while the job reads the queue (announced politely), then its result with when it was made. */
function PreviewCounting({ preview }: { preview: Counted }) {
  const { s, language } = useStaffI18n();
  return (
    <p class="campaign-preview__counting" role="status" data-qa="preview-counting" data-read={preview.read}>
      {s.campaigns.previewCounting(formatNumber(language, preview.read))}
    </p>
  );
}

function PreviewFacts({ preview }: { preview: Counted }) {
  const { s, language } = useStaffI18n();
  return (
    <div class="campaign-preview" data-qa="campaign-preview">
      <h4>{s.campaigns.previewTitle}</h4>
      {preview.computedAt && <p class="hint" data-qa="preview-counted-at">{s.campaigns.previewCountedAt(formatDateTime(language, preview.computedAt))}</p>}
      <dl class="details campaign-facts">
        <div>
          <dt>{s.campaigns.previewApplications}</dt>
          <dd data-qa="preview-applications" data-value={preview.applications}>
            {formatNumber(language, preview.applications)}
          </dd>
        </div>
        <div>
          <dt>{s.campaigns.previewApplicants}</dt>
          <dd data-qa="preview-applicants" data-value={preview.applicants}>
            {formatNumber(language, preview.applicants)}
          </dd>
        </div>
      </dl>
      {preview.byCohort.length > 0 && (
        <table class="table" data-qa="preview-cohorts">
          <caption>{s.campaigns.previewCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{s.campaigns.birthYear}</th>
              <th scope="col" class="numeric">
                {s.campaigns.applications}
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.byCohort.map((cohort) => (
              <tr key={cohort.birthYear} data-qa="preview-cohort">
                <th scope="row" data-label={s.campaigns.birthYear}>
                  {cohort.birthYear}
                </th>
                <td data-label={s.campaigns.applications} class="numeric">
                  {formatNumber(language, cohort.applications)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

type RowAction = 'preview' | 'start' | 'cancel';

/** One campaign: its dates and counters, a progress bar while closing, and what may be done next. */
function CampaignRow({ campaign, onChanged, manages }: { campaign: Campaign; onChanged: (campaign: Campaign) => void; manages: boolean }) {
  const { t, s, language } = useStaffI18n();
  const [preview, setPreview] = useState<Counted | undefined>();
  const gone = useRef(false);
  useEffect(() => () => void (gone.current = true), []);
  const [busy, setBusy] = useState<RowAction | undefined>();
  const [problem, setProblem] = useState('');
  const titleRef = useRef<HTMLHeadingElement>(null);
  const id = encodeURIComponent(campaign.campaignId);
  const headingId = `campaign-${campaign.campaignId}`;

  const fail = (failure: ApiFailure) => (isUnauthorized(failure) ? navigate('/staff/login') : setProblem(failureMessage(failure, t)));

  /** Asks for a fresh count and follows the job's progress until it is ready (decision 57). */
  const loadPreview = async (): Promise<Counted | undefined> => {
    setBusy('preview');
    setProblem('');
    const params = { campaignId: campaign.campaignId };
    const patience = Date.now() + previewPatienceMs;
    let result = await api('POST /api/staff/campaigns/{campaignId}/preview', { params });
    while (result.ok && result.data.state === 'counting' && !gone.current && Date.now() < patience) {
      setPreview(result.data);
      await new Promise((resolve) => setTimeout(resolve, previewPollMs));
      result = await api('GET /api/staff/campaigns/{campaignId}/preview', { params });
    }
    setBusy(undefined);
    if (!result.ok) return void fail(result.failure);
    if (result.data.state !== 'ready') {
      setPreview(undefined);
      return void setProblem(s.campaigns.previewTooLong);
    }
    setPreview(result.data);
    return result.data;
  };

  const act = async (action: 'start' | 'cancel') => {
    setBusy(action);
    setProblem('');
    const params = { campaignId: campaign.campaignId };
    const result = action === 'start' ? await api('POST /api/staff/campaigns/{campaignId}/start', { params }) : await api('POST /api/staff/campaigns/{campaignId}/cancel', { params });
    setBusy(undefined);
    if (!result.ok) return fail(result.failure);
    onChanged(result.data.campaign);
    // The button pressed is gone with the status: the campaign's title takes focus instead.
    titleRef.current?.focus();
  };

  const draft = campaign.status === 'draft';
  const progress = campaign.status === 'closing' ? campaign.closeProgress : undefined;
  const facts: [string, string, string][] = [
    [s.campaigns.startsAt, formatDateTime(language, campaign.startsAt), 'campaign-starts'],
    [s.campaigns.endsAt, formatDateTime(language, campaign.endsAt), 'campaign-ends'],
    // A draft has no counters yet: its scope is what the preview shows.
    ...(draft
      ? []
      : ([
          [s.campaigns.inScope, formatNumber(language, campaign.counts.inScope), 'campaign-in-scope'],
          [s.campaigns.applicants, formatNumber(language, campaign.counts.applicants), 'campaign-applicants'],
          [s.campaigns.confirmed, formatNumber(language, campaign.counts.confirmed), 'campaign-confirmed'],
          [s.campaigns.stopped, formatNumber(language, campaign.counts.stopped), 'campaign-stopped'],
        ] as [string, string, string][])),
  ];
  return (
    <article class="card" aria-labelledby={headingId} data-qa="campaign-row" data-campaign-id={campaign.campaignId} data-status={campaign.status}>
      <h3 id={headingId} class="card__title campaign__title" ref={titleRef} tabIndex={-1}>
        {s.campaigns.campaign(campaign.year)}
      </h3>
      <p class={`tag tag--${campaign.status}`} data-qa="campaign-status" data-status={campaign.status}>
        {s.campaigns.status[campaign.status]}
      </p>
      <dl class="details campaign-facts">
        {facts.map(([term, value, qa]) => (
          <div key={qa}>
            <dt>{term}</dt>
            <dd data-qa={qa}>{value}</dd>
          </div>
        ))}
      </dl>
      {!draft && (
        <p>
          <Link href={`/staff/campaigns/${id}`} aria-describedby={headingId} data-qa="campaign-dashboard-link">
            {s.dashboard.open}
          </Link>
        </p>
      )}
      {progress && (
        <div class="campaign-progress" data-qa="campaign-close-progress">
          <label for={`${headingId}-progress`}>{s.campaigns.closeProgress}</label>
          <progress id={`${headingId}-progress`} max={Math.max(progress.total, 1)} value={progress.processed} />
          <p>{s.campaigns.closeProgressText(formatNumber(language, progress.processed), formatNumber(language, progress.total))}</p>
        </div>
      )}
      {draft && preview?.state === 'counting' && <PreviewCounting preview={preview} />}
      {draft && preview?.state === 'ready' && <PreviewFacts preview={preview} />}
      {manages && campaign.actions.length > 0 && (
        <div class="card__actions button-group">
          {campaign.actions.includes('preview') && (
            <button type="button" class="button button--secondary" onClick={() => void loadPreview()} disabled={busy !== undefined} data-qa="preview-campaign">
              {busy === 'preview' ? t.common.loading : s.campaigns.preview}
            </button>
          )}
          {campaign.actions.includes('start') && (
            <InlineConfirm
              label={s.campaigns.startCampaign}
              question={[
                s.campaigns.startEnds(formatDateTime(language, campaign.endsAt)),
                s.campaigns.startNotifies(preview?.applicants ?? 0),
                s.campaigns.startStops(preview?.applications ?? 0),
                s.campaigns.startAsk,
              ].join(' ')}
              confirmLabel={s.campaigns.startConfirm}
              cancelLabel={s.campaigns.keep}
              busy={busy !== undefined}
              onConfirm={() => void act('start')}
              // The question names the end and how many applicants are notified and applications
              // may be stopped: fresh numbers first.
              beforeAsk={async () => (await loadPreview()) !== undefined}
              qa="start-campaign"
              secondary={false}
            />
          )}
          {campaign.actions.includes('cancel') && (
            <InlineConfirm
              label={s.campaigns.cancelCampaign}
              question={s.campaigns.cancelQuestion}
              confirmLabel={s.campaigns.cancelConfirm}
              cancelLabel={s.campaigns.keep}
              busy={busy !== undefined}
              onConfirm={() => void act('cancel')}
              qa="cancel-campaign"
            />
          )}
        </div>
      )}
      {problem && (
        <p class="inline-error" role="alert" data-qa="campaign-error">
          {problem}
        </p>
      )}
    </article>
  );
}

const isRunning = (campaign: Campaign) => campaign.status === 'active' || campaign.status === 'closing';

/**
 * The department's confirmation campaigns (SPEC rules 2–8): create a draft, preview its scope,
 * start or cancel it, and watch it run and close. While one runs or closes the list is fetched
 * every few seconds and status changes are announced politely.
 */
export function CampaignsPage() {
  const { t, s } = useStaffI18n();
  const page = useSessionPage('GET /api/staff/campaigns', {}, '/staff/login');
  const identity = page.state === 'loading' ? undefined : page.identity;
  const [campaigns, setCampaigns] = useState<Campaign[] | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const shown = useRef<Campaign[] | undefined>(undefined);

  /** Shows a new list and announces the campaigns whose status changed. */
  const show = (next: Campaign[]) => {
    const before = new Map((shown.current ?? []).map((campaign) => [campaign.campaignId, campaign.status]));
    const changed = next.filter((campaign) => before.has(campaign.campaignId) && before.get(campaign.campaignId) !== campaign.status);
    if (changed.length > 0) setAnnouncement(changed.map((campaign) => s.campaigns.statusNow(campaign.year, s.campaigns.status[campaign.status])).join(' '));
    shown.current = next;
    setCampaigns(next);
  };

  useEffect(() => {
    if (page.state === 'ready') show(page.data.campaigns);
  }, [page]);

  usePoll(campaigns?.some(isRunning) ?? false, pollMs, campaigns, () => api('GET /api/staff/campaigns'), (answer) => show(answer.campaigns));

  const replace = (campaign: Campaign) => {
    const list = shown.current ?? [];
    show(list.some((old) => old.campaignId === campaign.campaignId) ? list.map((old) => (old.campaignId === campaign.campaignId ? campaign : old)) : [campaign, ...list]);
  };

  const onCreated = (campaign: Campaign) => {
    replace(campaign);
    setAnnouncement(s.campaigns.created(campaign.year));
  };

  return (
    <StaffFrame identity={identity}>
      <PageHeading>{s.campaigns.title}</PageHeading>
      <ErrorSummary errors={errors} />
      <LiveStatus message={page.state === 'loading' ? t.common.loading : ''} />
      <p class="visually-hidden" role="status" aria-live="polite" data-qa="campaigns-announcement">
        {announcement}
      </p>
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {page.state === 'ready' && campaigns && (
        <>
          <p>{s.campaigns.intro}</p>
          <section aria-labelledby="campaigns-heading">
            <h2 id="campaigns-heading">{s.campaigns.list}</h2>
            {campaigns.length === 0 ? (
              <p data-qa="campaigns-empty">{s.campaigns.empty}</p>
            ) : (
              <div class="cards">
                {campaigns.map((campaign) => (
                  <CampaignRow key={campaign.campaignId} campaign={campaign} onChanged={replace} manages={may(page.identity, 'staff-start-campaign')} />
                ))}
              </div>
            )}
          </section>
          {may(page.identity, 'staff-create-campaign') && <CreateCampaignForm errors={errors} setErrors={setErrors} onCreated={onCreated} demo={page.identity.localRuntime === true} />}
        </>
      )}
    </StaffFrame>
  );
}
