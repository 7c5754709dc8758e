import { useState } from 'preact/hooks';
import type { ApplicantPhone, StaffApplication, StaffApplicationPageAnswer } from '../api-types.ts';
import { ApplicationFacts, ApplicationHistory, PositionMoves, StatusTag } from '../components/application-facts.tsx';
import { LiveStatus } from '../components/live-status.tsx';
import { LoadProblem } from '../components/load-problem.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { Link } from '../router.tsx';
import { useSessionPage } from '../use-session-page.ts';
import { ApplicationActions } from './application-actions.tsx';
import { ApplicantPhoneForm } from './applicant-phone-form.tsx';
import { ParentNotices } from './parent-notices.tsx';
import { useStaffI18n } from './i18n/context.ts';
import { StaffFrame } from './staff-frame.tsx';

function StaffApplicationDetails({
  application,
  phone,
  applicant,
  notices,
  onChange,
}: {
  application: StaffApplication;
  phone: ApplicantPhone | undefined;
  applicant: StaffApplicationPageAnswer['applicant'];
  notices: StaffApplicationPageAnswer['notices'];
  onChange: (next: StaffApplication) => void;
}) {
  const { s } = useStaffI18n();
  const iins = (
    <>
      <div>
        <dt>{s.application.childIin}</dt>
        <dd class="mono" data-qa="application-child-iin">
          {application.childIin}
        </dd>
      </div>
      <div>
        <dt>{s.application.applicantIin}</dt>
        <dd class="mono" data-qa="application-applicant-iin">
          {application.applicantIin}
        </dd>
      </div>
      {applicant && (
        <>
          <div>
            <dt>{s.application.applicantName}</dt>
            <dd data-qa="application-applicant-name">{applicant.name}</dd>
          </div>
          <div>
            <dt>{s.application.applicantPhone}</dt>
            <dd class="mono" data-qa="application-applicant-phone">
              <a href={`tel:${applicant.phone}`}>{applicant.phone}</a>
            </dd>
          </div>
        </>
      )}
    </>
  );
  return (
    <div data-qa="staff-application" data-application-id={application.applicationId}>
      <StatusTag application={application} />
      <ApplicationFacts application={application} before={iins} />
      <ApplicationActions application={application} onChange={onChange} />
      <ApplicantPhoneForm application={application} phone={phone} onChange={onChange} />
      <PositionMoves application={application} headingLevel="h2" />
      <ApplicationHistory application={application} viewer="staff" open />
      <ParentNotices notices={notices} />
    </div>
  );
}

/** One application of the department: everything about it, with the actions its status allows. */
export function ApplicationPage({ applicationId }: { applicationId: string }) {
  const { t, s } = useStaffI18n();
  const page = useSessionPage('GET /api/staff/applications/{applicationId}', { params: { applicationId } }, '/staff/login');
  const [changed, setChanged] = useState<StaffApplication | undefined>();
  const identity = page.state === 'loading' ? undefined : page.identity;
  const application = changed ?? (page.state === 'ready' ? page.data.application : undefined);
  return (
    <StaffFrame identity={identity}>
      <p class="back-link">
        <Link href="/staff/queue" data-qa="back-to-queue">
          {s.application.backToQueue}
        </Link>
      </p>
      <PageHeading>{application ? s.application.title(application.childName) : s.application.heading}</PageHeading>
      <LiveStatus message={page.state === 'loading' ? t.common.loading : ''} />
      {(page.state === 'forbidden' || page.state === 'failed') && <LoadProblem page={page} />}
      {application && page.state === 'ready' && <StaffApplicationDetails application={application} phone={page.data.applicantPhone} applicant={page.data.applicant} notices={page.data.notices} onChange={setChanged} />}
    </StaffFrame>
  );
}
