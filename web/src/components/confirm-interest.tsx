import { useEffect, useRef, useState } from 'preact/hooks';
import { apiPost, failureMessage, isUnauthorized } from '../api.ts';
import type { CabinetApplication, Confirmation } from '../api-types.ts';
import { formatDate } from '../format.ts';
import { useI18n } from '../i18n/context.tsx';
import { navigate } from '../router.tsx';

/**
 * TEMPORARY — replaced by the survey (SPEC "The survey") in its own issue: one button confirms
 * that the parent still needs a place, which extends all their queued applications.
 */

/** Whether the parent has something to confirm: an application waiting for it in the running campaign. */
export function needsConfirmation(applications: readonly CabinetApplication[]): boolean {
  return applications.some((application) => application.confirmationNeeded);
}

/** The confirm button and its outcome; `onConfirmed` reloads the applications. */
export function ConfirmInterest({ applications, onConfirmed }: { applications: readonly CabinetApplication[]; onConfirmed: () => void }) {
  const { t, language } = useI18n();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Confirmation | undefined>();
  const [problem, setProblem] = useState('');
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const confirm = async () => {
    setBusy(true);
    setProblem('');
    const result = await apiPost<Confirmation>('/api/cabinet/confirmation');
    setBusy(false);
    if (result.ok) {
      setDone(result.data);
      onConfirmed();
    } else if (isUnauthorized(result.failure)) navigate('/login');
    // `campaign_closed` comes with the server's message, which points to restoring.
    else setProblem(failureMessage(result.failure, t));
  };

  return (
    <div class="campaign-banner__action" data-qa="confirm-interest-panel">
      {done ? (
        <p class="campaign-banner__done" role="status" tabIndex={-1} ref={doneRef} data-qa="confirmation-done">
          {t.campaign.done(done.confirmed, formatDate(language, done.validUntil))}
        </p>
      ) : (
        needsConfirmation(applications) && (
          <>
            <p class="hint" id="confirm-interest-hint">
              {t.campaign.confirmHint}
            </p>
            <button type="button" class="button" onClick={() => void confirm()} disabled={busy} aria-describedby="confirm-interest-hint" data-qa="confirm-interest">
              {busy ? t.common.sending : t.campaign.confirm}
            </button>
          </>
        )
      )}
      {problem && (
        <p class="inline-error" role="alert" data-qa="confirmation-error">
          {problem}
        </p>
      )}
    </div>
  );
}
