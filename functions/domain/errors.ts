/**
 * Domain errors: each has a stable code; `functions/http/problems.ts` maps codes to HTTP
 * statuses and to messages in kk / ru / en.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
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
