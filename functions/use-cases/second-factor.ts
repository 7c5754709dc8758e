import { createHash, randomInt } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

/**
 * The staff second factor (SPEC "Departments, staff and roles"; DECISIONS 52): time-based
 * one-time passwords of RFC 6238 computed by `otpauth` (SHA-1, 6 digits, 30-second steps, the
 * authenticator apps' defaults), and single-use recovery codes for a lost phone.
 */

export const totpDigits = 6;
export const totpPeriodSeconds = 30;
/** Steps either side of now a code may belong to (RFC 6238 §5.2: one step of clock drift or typing time). */
export const totpWindow = 1;
/** The name authenticator apps show above the code. */
export const totpIssuer = 'kezek';

/** A new secret of 160 random bits (RFC 4226 §4 recommends 160), base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

const totpOf = (secret: string, login: string, digits = totpDigits) =>
  new TOTP({ issuer: totpIssuer, label: login, algorithm: 'SHA1', digits, period: totpPeriodSeconds, secret: Secret.fromBase32(secret) });

/** The `otpauth://totp/...` URI an authenticator app reads (from a QR code or pasted). */
export function totpUri(secret: string, login: string): string {
  return totpOf(secret, login).toString();
}

/** The RFC 6238 time step `now` falls in: T = floor(unix seconds / 30). */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / totpPeriodSeconds);
}

/** The code of one time step (the demo's code printer, tests). */
export function totpCodeAt(secret: string, step: number, digits = totpDigits): string {
  return HOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits, counter: step });
}

/**
 * The time step `code` belongs to when it is the code of now's step or one either side and that
 * step is above `lastStep` (the last one accepted: a code is good once, RFC 6238 §5.2); undefined
 * otherwise. Compared in constant time by `otpauth`.
 */
export function acceptedTotpStep(secret: string, code: string, now: Date, lastStep: number | undefined, digits = totpDigits): number | undefined {
  const token = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(token)) return undefined;
  const current = totpStep(now);
  for (let step = current - totpWindow; step <= current + totpWindow; step++) {
    if (lastStep !== undefined && step <= lastStep) continue;
    const delta = HOTP.validate({ token, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits, counter: step, window: 0 });
    if (delta === 0) return step;
  }
  return undefined;
}

/** How many recovery codes an enrolment gives. */
export const recoveryCodeCount = 10;
/** Crockford's base32: no I, L, O or U to misread. */
const recoveryAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const recoveryLength = 10;

/** Upper case, without spaces and dashes: how a typed recovery code is compared. */
function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Whether the text is shaped like a recovery code (10 characters of the alphabet, dashes and spaces aside). */
export function looksLikeRecoveryCode(code: string): boolean {
  const normalized = normalizeRecoveryCode(code);
  return normalized.length === recoveryLength && [...normalized].every((c) => recoveryAlphabet.includes(c));
}

/**
 * Only the SHA-256 of a recovery code is stored: a code carries 50 random bits, too many to
 * guess against the hash, so a slow hash would add nothing (as with the one-time links).
 */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(`recovery:${normalizeRecoveryCode(code)}`).digest('hex');
}

/** Ten new recovery codes as shown once (`XXXXX-XXXXX`) and their hashes as stored. */
export function newRecoveryCodes(): { readonly codes: string[]; readonly hashes: string[] } {
  const codes = Array.from({ length: recoveryCodeCount }, () => {
    const chars = Array.from({ length: recoveryLength }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  return { codes, hashes: codes.map(recoveryCodeHash) };
}
