import type { ComponentChildren } from 'preact';
import type { CabinetApplication, HistoryEvent } from '../api-types.ts';
import { formatDate, formatDateTime, formatKazakhstanDate, formatNumber, kazakhstanToday } from '../format.ts';
import { useI18n } from '../i18n/context.tsx';
import type { Messages } from '../i18n/ru.ts';
import { moveSentence, newestFirst } from '../moves.ts';
import { PlaceChanceText } from './place-chance.tsx';

/** What a parent and staff both see of an application (the staff view adds IINs). */
export type ApplicationFactsView = Omit<CabinetApplication, 'actions'>;

/** The status as a person reads it; a stop names its reason. */
export function statusText(application: ApplicationFactsView, t: Messages): string {
  if (application.status === 'stopped' && application.stopReason) return t.stopReason[application.stopReason];
  return t.status[application.status];
}

export function StatusTag({ application }: { application: ApplicationFactsView }) {
  const { t } = useI18n();
  return (
    <p class={`tag tag--${application.status}`} data-qa="application-status" data-status={application.status}>
      {statusText(application, t)}
    </p>
  );
}

function Fact({ term, children, qa }: { term: string; children: ComponentChildren; qa?: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd data-qa={qa}>{children}</dd>
    </div>
  );
}

/** The facts of an application as a description list; `before` adds rows at the top. */
export function ApplicationFacts({ application, before }: { application: ApplicationFactsView; before?: ComponentChildren }) {
  const { t, language } = useI18n();
  const birthYear = Number(application.birthDate.slice(0, 4));
  return (
    <dl class="details">
      {before}
      {application.position !== undefined && (
        <div>
          <dt>{t.cabinet.position}</dt>
          <dd data-qa="application-position" data-position={application.position}>
            <strong class="position">{formatNumber(language, application.position)}</strong> {t.cabinet.cohort(birthYear)}
          </dd>
        </div>
      )}
      {application.position === undefined && application.status === 'queued' && (
        <div>
          <dt>{t.cabinet.position}</dt>
          {/* Positions are recomputed by a job seconds after a change; say so rather than show nothing. */}
          <dd data-qa="application-position-pending">{t.cabinet.positionPending(birthYear)}</dd>
        </div>
      )}
      {application.referral && (
        <Fact term={t.cabinet.referral} qa="application-referral">
          {t.cabinet.referralText(application.referral.kindergarten.name[language], formatKazakhstanDate(language, application.referral.expiresAt))}
          {application.status === 'referred' && <ReferralGuidance referral={application.referral} />}
        </Fact>
      )}
      {application.status === 'stopped' && application.stopReason === 'referral_expired' && application.autoRestoreAt && (
        <Fact term={t.cabinet.autoRestore} qa="application-auto-restore">
          {t.cabinet.autoRestoreText(formatKazakhstanDate(language, application.autoRestoreAt))}
        </Fact>
      )}
      <Fact term={t.cabinet.birthDate}>{formatDate(language, application.birthDate)}</Fact>
      <Fact term={t.cabinet.registeredAt}>{formatDateTime(language, application.registeredAt)}</Fact>
      <Validity application={application} />
      <Fact term={t.cabinet.priority}>{t.priority[application.priority]}</Fact>
      <Fact term={t.cabinet.language}>{t.instructionLanguage[application.language]}</Fact>
      <Fact term={t.cabinet.kindergartens}>
        {application.kindergartens.length === 0 ? (
          t.cabinet.noKindergartens
        ) : (
          <ul class="plain-list">
            {application.kindergartens.map((kindergarten) => (
              <li key={kindergarten.kindergartenId}>{kindergarten.name[language]}</li>
            ))}
          </ul>
        )}
      </Fact>
      {application.placeChances && application.placeChances.length > 0 && (
        <Fact term={t.placeChance.label} qa="application-place-chances">
          <ul class="plain-list chance-list">
            {application.placeChances.map((estimate) => (
              <li key={estimate.kindergartenId}>
                <strong>{application.kindergartens.find((k) => k.kindergartenId === estimate.kindergartenId)?.name[language] ?? estimate.kindergartenId}</strong>
                <br />
                <PlaceChanceText estimate={estimate} birthYear={birthYear} />
              </li>
            ))}
          </ul>
          <p class="hint">{t.placeChance.caveat}</p>
        </Fact>
      )}
      <Fact term={t.cabinet.applicationNumber}>
        <span class="mono">{application.applicationId}</span>
      </Fact>
    </dl>
  );
}

/**
 * The validity as it stands today: a lapsed date is explained (it stays in the queue until the
 * next campaign, SPEC rule 3), a stopped application's old date is not shown as if it held, and
 * an application that left the queue has none.
 */
function Validity({ application }: { application: ApplicationFactsView }) {
  const { t, language } = useI18n();
  if (application.status === 'withdrawn' || application.status === 'enrolled') return null;
  const date = formatDate(language, application.validUntil);
  const lapsed = application.status === 'queued' && application.validUntil < kazakhstanToday();
  const state = application.status === 'stopped' ? 'stopped' : lapsed ? 'lapsed' : 'current';
  return (
    <div>
      <dt>{t.cabinet.validUntil}</dt>
      <dd data-qa="application-valid-until" data-state={state} data-valid-until={application.validUntil}>
        {state === 'stopped'
          ? t.cabinet.validityStopped
          : state === 'lapsed'
            ? application.confirmationNeeded
              ? t.cabinet.validityLapsedNow(date)
              : t.cabinet.validityLapsed(date)
            : date}
      </dd>
    </div>
  );
}

/** What a referral asks of the parent: where to go, by when, and what happens if they do not. */
function ReferralGuidance({ referral }: { referral: NonNullable<ApplicationFactsView['referral']> }) {
  const { t, language } = useI18n();
  return (
    <div class="referral-guidance" data-qa="referral-guidance">
      <p>{t.cabinet.referralWhat(formatKazakhstanDate(language, referral.expiresAt))}</p>
      {referral.kindergarten.address && (
        <p data-qa="referral-address">
          {t.cabinet.referralAddress}: {referral.kindergarten.address}
        </p>
      )}
      <p>{t.cabinet.referralPhone}</p>
      <p data-qa="referral-if-not">{t.cabinet.referralIfNot}</p>
    </div>
  );
}

/** The recent position moves, newest first, each explained in one sentence. */
export function PositionMoves({ application, headingLevel }: { application: ApplicationFactsView; headingLevel: 'h2' | 'h4' }) {
  const { t, language } = useI18n();
  if (application.positionLog.length === 0) return null;
  const Heading = headingLevel;
  const headingId = `moves-${application.applicationId}`;
  return (
    <section aria-labelledby={headingId} class="moves">
      <Heading id={headingId} class="moves__title">
        {t.cabinet.positionMoves}
      </Heading>
      <ul class="moves__list">
        {newestFirst(application.positionLog).map((change) => (
          <li key={`${change.at}-${change.to}`} data-qa="position-change">
            <span class="moves__date">{formatDateTime(language, change.at)}</span> {moveSentence(change, t, language)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function actionText(event: HistoryEvent, t: Messages): string {
  return t.history.actions[event.action];
}

/**
 * The full history, oldest first, folded by default on cards. Who acted is a role only; the
 * parent reads their own actions as "you".
 */
export function ApplicationHistory({ application, viewer, open = false }: { application: ApplicationFactsView; viewer: 'parent' | 'staff'; open?: boolean }) {
  const { t, language } = useI18n();
  const actorText = (role: HistoryEvent['actor']['role']) => (role === 'parent' && viewer === 'parent' ? t.history.actors.you : t.history.actors[role]);
  return (
    <details class="history" data-qa="application-history" open={open}>
      <summary>
        {t.history.title} ({t.history.count(application.history.length)})
      </summary>
      <ol class="history__list">
        {application.history.map((event, index) => (
          <li key={`${event.at}-${index}`} data-qa="history-event" data-action={event.action}>
            <span class="history__date">{formatDateTime(language, event.at)}</span>
            <span class="history__what">{actionText(event, t)}</span>
            <span class="history__who">
              {t.history.by}: {actorText(event.actor.role)}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
