import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage, isUnauthorized, type ApiResult } from '../api.ts';
import { api } from '../client.ts';
import type { StaffApplication, StaffApplicationAnswer, StaffKindergarten } from '../api-types.ts';
import { InlineConfirm } from '../components/inline-confirm.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatNumber } from '../format.ts';
import { navigate } from '../router.tsx';
import { useStaffI18n } from './i18n/context.ts';
import { ageGroupToday, freePlaces, totalFreePlaces } from './places.ts';
import { SelectField } from './select-field.tsx';
import { useKindergartens } from './use-kindergartens.ts';

type ActionName = 'referral' | 'kindergartens' | 'withdraw' | 'enroll' | 'restore';
type Run = (action: ActionName, call: () => Promise<ApiResult<StaffApplicationAnswer>>) => void;
interface Problem {
  readonly action: ActionName;
  readonly message: string;
}

function ActionProblem({ problem, action }: { problem: Problem | undefined; action: ActionName }) {
  if (problem?.action !== action) return null;
  return (
    <p class="inline-error" role="alert" data-qa="action-error">
      {problem.message}
    </p>
  );
}

function ReferralForm({ application, kindergartens, run, busy, problem }: { application: StaffApplication; kindergartens: readonly StaffKindergarten[]; run: Run; busy: boolean; problem: Problem | undefined }) {
  const { s, language } = useStaffI18n();
  const [choice, setChoice] = useState('');
  const [missing, setMissing] = useState(false);
  const group = ageGroupToday(application.birthDate);
  const options = [
    { value: '', label: s.application.chooseKindergarten },
    ...kindergartens.map((k) => ({
      value: k.kindergartenId,
      label: `${k.name[language]} (${s.application.freePlaces(formatNumber(language, freePlaces(k, group)), formatNumber(language, totalFreePlaces(k)))})`,
    })),
  ];
  const onSubmit = (event: Event) => {
    event.preventDefault();
    setMissing(choice === '');
    if (choice === '') return document.getElementById('referral-kindergarten')?.focus();
    run('referral', () => api('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: application.applicationId }, body: { kindergartenId: choice } }));
  };
  return (
    <form onSubmit={onSubmit} noValidate class="action" data-qa="referral-form">
      <h3>{s.application.issueReferral}</h3>
      <SelectField
        id="referral-kindergarten"
        label={s.application.referralKindergarten}
        hint={s.application.referralHint(s.ageGroup[group])}
        error={missing ? s.application.chooseKindergarten : undefined}
        value={choice}
        onValue={setChoice}
        options={options}
        qa="referral-kindergarten"
      />
      <button type="submit" class="button" disabled={busy} data-qa="issue-referral">
        {s.application.issueReferral}
      </button>
      <ActionProblem problem={problem} action="referral" />
    </form>
  );
}

function KindergartenChoiceForm({ application, kindergartens, run, busy, problem }: { application: StaffApplication; kindergartens: readonly StaffKindergarten[]; run: Run; busy: boolean; problem: Problem | undefined }) {
  const { s, language } = useStaffI18n();
  const [choices, setChoices] = useState(() => [0, 1, 2].map((index) => application.preferredKindergartenIds[index] ?? ''));
  const options = [{ value: '', label: s.register.noKindergarten }, ...kindergartens.map((k) => ({ value: k.kindergartenId, label: k.name[language] }))];
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const kindergartenIds = choices.filter((id) => id !== '');
    run('kindergartens', () => api('PUT /api/staff/applications/{applicationId}/kindergartens', { params: { applicationId: application.applicationId }, body: { kindergartenIds } }));
  };
  return (
    <form onSubmit={onSubmit} noValidate class="action" data-qa="kindergartens-form">
      <h3>{s.application.changeKindergartens}</h3>
      <fieldset class="fieldset">
        <legend class="visually-hidden">{s.register.kindergartens}</legend>
        {choices.map((choice, index) => (
          <SelectField
            key={index}
            id={`choice-${index + 1}`}
            label={s.register.kindergarten(index + 1)}
            value={choice}
            onValue={(value) => setChoices(choices.map((old, at) => (at === index ? value : old)))}
            options={options}
            qa={`choice-${index + 1}`}
          />
        ))}
      </fieldset>
      <button type="submit" class="button button--secondary" disabled={busy} data-qa="save-kindergartens">
        {s.application.saveKindergartens}
      </button>
      <ActionProblem problem={problem} action="kindergartens" />
    </form>
  );
}

function WithdrawForm({ application, run, busy, problem }: { application: StaffApplication; run: Run; busy: boolean; problem: Problem | undefined }) {
  const { s } = useStaffI18n();
  const [reason, setReason] = useState('');
  const withdraw = () => {
    const body = reason.trim() === '' ? {} : { reason: reason.trim() };
    run('withdraw', () => api('POST /api/staff/applications/{applicationId}/withdrawal', { params: { applicationId: application.applicationId }, body }));
  };
  return (
    <div class="action" data-qa="withdraw-form">
      <h3>{s.application.withdraw}</h3>
      <TextField id="withdraw-reason" label={s.application.withdrawReason} hint={s.application.withdrawReasonHint} value={reason} onValue={setReason} maxLength={200} qa="withdraw-reason" />
      <InlineConfirm
        label={s.application.withdraw}
        question={s.application.withdrawQuestion}
        confirmLabel={s.application.withdrawConfirm}
        cancelLabel={s.application.cancel}
        busy={busy}
        onConfirm={withdraw}
        qa="withdraw"
      />
      <ActionProblem problem={problem} action="withdraw" />
    </div>
  );
}

/**
 * What staff can do with the application now: the API lists it (`actions`, from the state
 * machine it enforces), so the page shows exactly those forms. Each answer replaces the
 * application on the page; focus moves to the news.
 */
export function ApplicationActions({ application, onChange }: { application: StaffApplication; onChange: (next: StaffApplication) => void }) {
  const { t, s } = useStaffI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [done, setDone] = useState<{ action: ActionName } | undefined>();
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const may = (action: StaffApplication['actions'][number]) => application.actions.includes(action);
  const list = useKindergartens(may('refer') || may('change_kindergartens'));
  useEffect(() => {
    if (done) noticeRef.current?.focus();
  }, [done]);

  const run: Run = (action, call) => {
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    void call().then((result) => {
      setBusy(false);
      if (result.ok) {
        onChange(result.data.application);
        setDone({ action });
      } else if (isUnauthorized(result.failure)) navigate('/staff/login');
      else setProblem({ action, message: failureMessage(result.failure, t) });
    });
  };

  const notice = (
    <p class="action-notice" role="status" tabIndex={-1} ref={noticeRef} data-qa="action-notice">
      {done ? s.application.done[done.action] : ''}
    </p>
  );
  if (application.actions.length === 0) return notice;
  const props = { application, run, busy, problem };
  const params = { applicationId: application.applicationId };
  const needsList = may('refer') || may('change_kindergartens');
  return (
    <section aria-labelledby="actions-heading" class="actions" data-qa="application-actions">
      <h2 id="actions-heading">{s.application.actions}</h2>
      {notice}
      {needsList && list.state === 'loading' && <p>{s.application.loadingKindergartens}</p>}
      {needsList && list.state === 'failed' && (
        <p class="inline-error" role="alert">
          {failureMessage(list.failure, t)}
        </p>
      )}
      {may('restore') && (
        <div class="action">
          <h3>{s.application.restore}</h3>
          <p class="hint" id="restore-hint">
            {s.application.restoreHint}
          </p>
          <button type="button" class="button" aria-describedby="restore-hint" disabled={busy} onClick={() => run('restore', () => api('POST /api/staff/applications/{applicationId}/restore', { params }))} data-qa="restore">
            {s.application.restore}
          </button>
          <ActionProblem problem={problem} action="restore" />
        </div>
      )}
      {list.state === 'ready' && (
        <>
          {may('refer') && <ReferralForm {...props} kindergartens={list.kindergartens} />}
          {may('change_kindergartens') && <KindergartenChoiceForm key={application.preferredKindergartenIds.join()} {...props} kindergartens={list.kindergartens} />}
        </>
      )}
      {may('enroll') && (
        <div class="action">
          <h3>{s.application.enroll}</h3>
          <button type="button" class="button" disabled={busy} onClick={() => run('enroll', () => api('POST /api/staff/applications/{applicationId}/enrollment', { params }))} data-qa="enroll">
            {s.application.enroll}
          </button>
          <ActionProblem problem={problem} action="enroll" />
        </div>
      )}
      {may('withdraw') && <WithdrawForm {...props} />}
    </section>
  );
}
