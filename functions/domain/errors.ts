/**
 * Domain errors: each has a stable code; `functions/http/problems.ts` maps codes to HTTP
 * statuses and to messages in kk / ru / en.
 */
/**
 * Every code a domain error may carry, one closed list: `functions/http/problems.ts` must give
 * each its status and message in kk / ru / en, or `tsc` fails (no error falls back to a 500).
 */
export type DomainErrorCode =
  | 'campaign_already_active'
  | 'campaign_closed'
  | 'campaign_not_started'
  | 'campaign_state'
  | 'child_already_queued'
  | 'concurrent_change'
  | 'department_exists'
  | 'email_link_expired'
  | 'email_link_invalid'
  | 'forbidden'
  | 'import_rejected'
  | 'invalid_credentials'
  | 'invalid_login_code'
  | 'invitation_expired'
  | 'invitation_invalid'
  | 'kindergarten_changed'
  | 'kindergarten_exists'
  | 'last_admin'
  | 'no_free_place'
  | 'not_found'
  | 'nothing_to_confirm'
  | 'phone_changed_meanwhile'
  | 'phone_on_file_differs'
  | 'rate_limited'
  | 'restores_automatically'
  | 'site_host_taken'
  | 'site_not_found'
  | 'staff_disabled'
  | 'staff_login_taken'
  | 'survey_version_changed'
  | 'transition_not_allowed'
  | 'try_again'
  | 'unauthenticated'
  | 'validation_failed';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  /** Values the localized message names, e.g. `{ date: '2026-04-07' }`; never personal data. */
  params(): Readonly<Record<string, string>> {
    return {};
  }

  /** The input fields at fault (`key` names a field message), so a form can point at them. */
  fieldProblems(): readonly { readonly path: string; readonly key: string }[] {
    return [];
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

export class InvalidLoginCodeError extends DomainError {
  readonly code = 'invalid_login_code';
}

export class InvalidCredentialsError extends DomainError {
  readonly code = 'invalid_credentials';
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** Another request changed the application first; reload and decide again. */
export class ConcurrentChangeError extends DomainError {
  readonly code = 'concurrent_change';
}

/** A kindergarten with this id exists in the tenant already (a create never overwrites). */
export class KindergartenExistsError extends DomainError {
  readonly code = 'kindergarten_exists';
}

/** Someone saved the kindergarten after the page read it; reload and edit again. */
export class KindergartenChangedError extends DomainError {
  readonly code = 'kindergarten_changed';
}

/**
 * DynamoDB kept cancelling the write because other requests were writing the same items at that
 * moment (a crowd on a shared counter), and the retries ran out: nothing was written; the same
 * request may simply be sent again.
 */
export class TryAgainError extends DomainError {
  readonly code = 'try_again';
}

/** The kindergarten has no free place left in the child's age group. */
export class NoFreePlaceError extends DomainError {
  readonly code = 'no_free_place';
}

/** The child already has an active application in this tenant. */
export class ChildAlreadyQueuedError extends DomainError {
  readonly code = 'child_already_queued';
  constructor(readonly existingApplicationId: string | undefined) {
    super('the child already has an active application in this tenant');
  }
}

/** Input that passed the schema but breaks a rule (e.g. a child too old for a kindergarten queue). */
export class InvalidInputError extends DomainError {
  readonly code = 'validation_failed';
  /** `key` names a message of `fieldMessages` (functions/http/problems.ts). */
  constructor(readonly fields: readonly { readonly path: string; readonly key: string }[]) {
    super(fields.map((f) => `${f.path}: ${f.key}`).join('; '));
  }
}

/** An import file with bad rows: nothing was written; every problem is listed. */
export class ImportRejectedError extends DomainError {
  readonly code = 'import_rejected';
  constructor(readonly rows: readonly { readonly line: number; readonly column: string; readonly key: string; readonly params?: Readonly<Record<string, string>> }[]) {
    super(`${rows.length} problems`);
  }
}

/**
 * A registration names a parent whose cabinet account has another phone: the account (global by
 * IIN) keeps one phone, and only the staff route for a phone change may replace it.
 */
export class PhoneOnFileDiffersError extends DomainError {
  readonly code = 'phone_on_file_differs';
  /** `maskedPhone` as `maskPhone` writes it: staff see which number is on file, never all of it. */
  constructor(readonly maskedPhone: string) {
    super('the phone on file differs from the one given');
  }

  override params(): Readonly<Record<string, string>> {
    return { phone: this.maskedPhone };
  }

  override fieldProblems() {
    return [{ path: 'applicantPhone', key: 'phone_on_file_differs' }];
  }
}

/** Someone changed the parent's phone after the page read it; reload and decide again. */
export class PhoneChangedMeanwhileError extends DomainError {
  readonly code = 'phone_changed_meanwhile';
}

/** A department with this id exists already (onboarding never overwrites one). */
export class DepartmentExistsError extends DomainError {
  readonly code = 'department_exists';
}

/** Another department's site answers on this host name already. */
export class SiteHostTakenError extends DomainError {
  readonly code = 'site_host_taken';
  constructor(readonly host: string) {
    super(`host ${host} belongs to another department`);
  }
  override params() {
    return { host: this.host };
  }
}

/** A staff account with this login exists already (logins are unique across departments). */
export class StaffLoginTakenError extends DomainError {
  readonly code = 'staff_login_taken';
}

/** No department's site answers on this host name. */
export class SiteNotFoundError extends DomainError {
  readonly code = 'site_not_found';
}

/** The set-password link is unknown or was used already. */
export class InvitationInvalidError extends DomainError {
  readonly code = 'invitation_invalid';
}

/** The set-password link is past its expiry. */
/** An e-mail verification link that is not the parent's pending one: used already, replaced by a newer mail, or for another address (decision 59). */
export class EmailLinkInvalidError extends DomainError {
  readonly code = 'email_link_invalid';
}

/** An e-mail verification link past its 24 hours. */
export class EmailLinkExpiredError extends DomainError {
  readonly code = 'email_link_expired';
}

export class InvitationExpiredError extends DomainError {
  readonly code = 'invitation_expired';
}

/** The change would leave the department without an active administrator (e.g. the last one disabling or demoting themself). */
export class LastAdminError extends DomainError {
  readonly code = 'last_admin';
}

/** The account is disabled: enable it first. */
export class StaffDisabledError extends DomainError {
  readonly code = 'staff_disabled';
}
