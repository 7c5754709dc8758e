import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { InvalidLoginCodeError } from '#domain/errors';
import type { Language } from '#domain/language';
import { parentAccountId } from '#domain/accounts';
import type { Dependencies } from '#ports/dependencies';
import { loginCodeLimits, loginVerifyLimits } from '#domain/rate-limits';
import { enforceLimits } from './rate-limits.ts';
import { openSession } from './sessions.ts';

export const loginCodeTtlSeconds = 300;
export const loginCodeMaxAttempts = 5;

const smsText: Record<Language, (code: string) => string> = {
  kk: (code) => `kezek: кіру коды ${code}. Ешкімге айтпаңыз.`,
  ru: (code) => `kezek: код входа ${code}. Никому его не сообщайте.`,
  en: (code) => `kezek: your login code is ${code}. Do not share it.`,
};

function hashCode(code: string, salt: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('hex');
}

/**
 * Step 1 of a parent's login: a 6-digit code by SMS to the phone of the account. Answers the
 * same whether or not the IIN has an account. An SMS costs money: codes are limited per client
 * address and per IIN (`loginCodeLimits`).
 */
export async function sendParentLoginCode(
  deps: Pick<Dependencies, 'accounts' | 'auth' | 'notifier' | 'clock' | 'rateLimitScale'>,
  iin: string,
  language: Language,
  client: string,
): Promise<{ sent: true; expiresInSeconds: number }> {
  // Limited whether or not the IIN has an account, so the limit tells nothing either.
  await enforceLimits(
    deps,
    [
      { limits: loginCodeLimits.perClient, subject: client, counting: 'windowed' },
      { limits: loginCodeLimits.perIin, subject: iin, counting: 'exact' },
    ],
    deps.rateLimitScale,
  );
  const account = await deps.accounts.getParent(iin);
  if (account) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16).toString('base64url');
    const expiresAt = new Date(deps.clock().getTime() + loginCodeTtlSeconds * 1000).toISOString();
    await deps.auth.saveLoginCode({ iin, salt, codeHash: hashCode(code, salt), attempts: 0, expiresAt });
    await deps.notifier.sendSms({ phone: account.phone, text: smsText[language](code) });
  }
  return { sent: true, expiresInSeconds: loginCodeTtlSeconds };
}

/**
 * Step 2: the code, if right, live and not tried too often, opens a session (once). Tries are
 * limited per client address and per IIN (`loginVerifyLimits`), and each code allows
 * `loginCodeMaxAttempts`: a try is taken (a conditional write) before the code is compared, so
 * however many guesses arrive at once, no more than that many are ever compared.
 */
export async function verifyParentLoginCode(
  deps: Pick<Dependencies, 'accounts' | 'auth' | 'clock' | 'rateLimitScale'>,
  iin: string,
  code: string,
  client: string,
) {
  await enforceLimits(
    deps,
    [
      { limits: loginVerifyLimits.perClient, subject: client, counting: 'windowed' },
      { limits: loginVerifyLimits.perIin, subject: iin, counting: 'exact' },
    ],
    deps.rateLimitScale,
  );
  const now = deps.clock();
  const stored = await deps.auth.takeLoginCodeAttempt(iin, loginCodeMaxAttempts, now.toISOString());
  if (!stored) throw new InvalidLoginCodeError();
  const given = Buffer.from(hashCode(code, stored.salt), 'hex');
  if (!timingSafeEqual(given, Buffer.from(stored.codeHash, 'hex'))) throw new InvalidLoginCodeError();
  // Consuming is conditional: of two racing requests with the same code only one gets a session.
  if (!(await deps.auth.consumeLoginCode(iin, stored.codeHash))) throw new InvalidLoginCodeError();
  const account = await deps.accounts.getParent(iin);
  if (!account) throw new InvalidLoginCodeError();
  return openSession(deps.auth, { role: 'parent', accountId: parentAccountId(iin), displayName: account.displayName, iin }, now);
}
