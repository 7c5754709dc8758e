import type { ApiErrorBody } from './api-types.ts';
import type { Messages } from './i18n/ru.ts';
import { currentLanguage } from './i18n/language.ts';

/**
 * Every call to the API goes through here. The session lives in an HttpOnly cookie the server
 * sets, so the page never sees a token: requests simply carry the cookies of this origin.
 */

export type ApiFailure =
  | { readonly kind: 'http'; readonly status: number; readonly error: ApiErrorBody | undefined }
  | { readonly kind: 'network' };

export type ApiResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly failure: ApiFailure };

function readErrorBody(body: unknown): ApiErrorBody | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string' ? (error as ApiErrorBody) : undefined;
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  // The API refuses a state change that is not JSON (its CSRF defence), a body-less POST included.
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    return { ok: false, failure: { kind: 'network' } };
  }
  const parsed: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, data: parsed as T };
  return { ok: false, failure: { kind: 'http', status: response.status, error: readErrorBody(parsed) } };
}

/** The text to show for a failure: the server's own message (already in the user's language) or ours. */
export function failureMessage(failure: ApiFailure, t: Messages): string {
  if (failure.kind === 'network') return t.common.networkError;
  return failure.error?.message ?? t.common.genericError;
}

export function isUnauthorized(failure: ApiFailure): boolean {
  return failure.kind === 'http' && failure.status === 401;
}

export function isForbidden(failure: ApiFailure): boolean {
  return failure.kind === 'http' && failure.status === 403;
}
