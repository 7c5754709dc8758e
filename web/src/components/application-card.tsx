import { useEffect, useRef, useState } from 'preact/hooks';
import { failureMessage, isUnauthorized } from '../api.ts';
import { api } from '../client.ts';
import type { CabinetApplication } from '../api-types.ts';
import { useI18n } from '../i18n/context.tsx';
import { navigate } from '../router.tsx';
import { ApplicationFacts, ApplicationHistory, PositionMoves, StatusTag } from './application-facts.tsx';
import { InlineConfirm } from './inline-confirm.tsx';

type ParentAction = CabinetApplication['actions'][number];

/**
 * One application in the parent's cabinet with the actions the API allows right now. An action's
 * answer replaces the card; focus moves to its title so the news is read from there.
 */
export function ApplicationCard({ application: initial }: { application: CabinetApplication }) {
  const { t } = useI18n();
  const [application, setApplication] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState<ParentAction | undefined>();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const headingId = `application-${application.applicationId}`;

  // After a restore the position is recomputed by a job seconds later: fetch it until it is there,
  // so the parent sees their place without reloading the page.
  const waitingForPosition = done === 'restore' && application.status === 'queued' && application.position === undefined;
  useEffect(() => {
    if (!waitingForPosition) return;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > 30) clearInterval(timer);
      void api('GET /api/cabinet/applications').then((result) => {
        const fresh = result.ok ? result.data.applications.find((a) => a.applicationId === application.applicationId) : undefined;
        if (fresh?.position !== undefined) {
          clearInterval(timer);
          setApplication(fresh);
        }
      });
    }, 2000);
    return () => clearInterval(timer);
  }, [waitingForPosition]);

  const act = async (action: ParentAction) => {
    setBusy(true);
    setProblem('');
    setDone(undefined);
    const params = { applicationId: application.applicationId };
    const result = action === 'restore' ? await api('POST /api/cabinet/applications/{applicationId}/restore', { params }) : await api('POST /api/cabinet/applications/{applicationId}/withdrawal', { params });
    setBusy(false);
    if (result.ok) {
      setApplication(result.data.application);
      setDone(action);
      titleRef.current?.focus();
    } else if (isUnauthorized(result.failure)) navigate('/login');
    else setProblem(failureMessage(result.failure, t));
  };

  return (
    <article class="card" aria-labelledby={headingId} data-qa="application" data-application-id={application.applicationId}>
      <h3 id={headingId} class="card__title" data-qa="application-child" ref={titleRef} tabIndex={-1}>
        {application.childName}
      </h3>
      <StatusTag application={application} />
      <p role="status" class="card__notice" data-qa="application-notice">
        {done === 'restore' ? t.cabinet.restored : done === 'withdraw' ? t.cabinet.withdrawn : ''}
      </p>
      <ApplicationFacts application={application} />
      <PositionMoves application={application} headingLevel="h4" />
      <ApplicationHistory application={application} viewer="parent" />
      {application.actions.length > 0 && (
        <div class="card__actions button-group">
          {application.actions.includes('restore') && (
            <button type="button" class="button" onClick={() => void act('restore')} disabled={busy} data-qa="restore">
              {t.cabinet.restore}
            </button>
          )}
          {application.actions.includes('withdraw') && (
            <InlineConfirm
              label={t.cabinet.withdraw}
              question={t.cabinet.withdrawQuestion}
              confirmLabel={t.cabinet.withdrawConfirm}
              cancelLabel={t.cabinet.cancel}
              busy={busy}
              onConfirm={() => void act('withdraw')}
              qa="withdraw"
            />
          )}
        </div>
      )}
      {problem && (
        <p class="inline-error" role="alert" data-qa="application-error">
          {problem}
        </p>
      )}
    </article>
  );
}
