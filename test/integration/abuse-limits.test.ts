import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeIin } from '#domain/iin';
import { InvalidLoginCodeError } from '#domain/errors';
import { loginCodeLimits, RateLimitedError, staffLoginLimits } from '#domain/rate-limits';
import { dependencies } from '#adapters/dependencies';
import { enforceLimits } from '#use-cases/rate-limits';
import { sendParentLoginCode, verifyParentLoginCode } from '#use-cases/parent-login';
import type { LocalRuntime } from '../../local/runtime.ts';
import { client, loginParent, nextStaffCode, startTestRuntime } from '../support/runtime.ts';

/** Every comparison of a secret (a login code's hash) goes through `timingSafeEqual`: counted, not changed. */
const comparisons = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('node:crypto')>();
  const timingSafeEqual: typeof crypto.timingSafeEqual = (a, b) => {
    comparisons.count++;
    return crypto.timingSafeEqual(a, b);
  };
  return { ...crypto, default: { ...crypto, timingSafeEqual }, timingSafeEqual };
});

let runtime: LocalRuntime;

beforeAll(async () => {
  // The limits as in AWS (scale 1), not raised as for the other suites.
  runtime = await startTestRuntime(150, { rateLimitScale: 1 });
});

afterAll(async () => {
  await runtime?.stop();
});

/** An hour later every earlier hit has left the IINs' sliding windows. */
function anHourLater() {
  runtime.clock.advance(3_600_000);
}

/** A client address counts in fixed hourly windows: start at one's beginning, so a test never straddles its end. */
function startOfNextHour() {
  const hour = 3_600_000;
  runtime.clock.set(new Date((Math.floor(runtime.clock.now().getTime() / hour) + 1) * hour + 1000));
}

/** A code request from a client that presents itself through CloudFront's viewer-address header. */
function codeFrom(address: string, iin: string, language = 'ru') {
  return fetch(`${runtime.url}/api/auth/parent/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': language, 'cloudfront-viewer-address': `${address}:51234`, 'x-kezek-origin-verify': runtime.originSecret },
    body: JSON.stringify({ iin }),
  });
}

describe('login codes (an SMS costs money)', () => {
  it('should send one code per IIN per minute and answer the next with 429 in the language asked for', async () => {
    // Prepare
    const parent = runtime.seed!.data.demoParents[0]!;
    const sentBefore = runtime.notifier.outbox.length;
    // Act
    const first = await codeFrom('203.0.113.1', parent.iin);
    const second = await codeFrom('203.0.113.2', parent.iin, 'kk');
    // Assess
    expect(first.status).toBe(202);
    expect(second.status).toBe(429);
    expect((await second.json()).error.message).toBe('Сұраныстар тым көп. 1 минуттан кейін қайталап көріңіз.');
    expect(runtime.notifier.outbox.length).toBe(sentBefore + 1);
    // A minute later the parent may ask again
    runtime.clock.advance(61_000);
    expect((await codeFrom('203.0.113.3', parent.iin)).status).toBe(202);
  });

  it('should send at most five codes per IIN per hour, and treat an IIN without a cabinet the same', async () => {
    for (const iin of [runtime.seed!.data.demoParents[1]!.iin, makeIin('1990-01-01', 'female', 4242)]) {
      anHourLater();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await codeFrom(`198.51.100.${i}`, iin)).status);
        runtime.clock.advance(61_000);
      }
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    }
  });

  it("should count any 60 minutes, not clock hours: five codes up to 11:00 leave none for 11:01, and one again at 11:56", async () => {
    // Prepare: five codes a minute apart, the last on the hour
    anHourLater();
    const iin = makeIin('1991-02-03', 'male', 5151);
    const now = runtime.clock.now();
    runtime.clock.set(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours() + 2, -4, 0)));
    const first = runtime.clock.now().getTime();
    const sent: number[] = [];
    for (let i = 0; i < 5; i++) {
      sent.push((await codeFrom(`198.51.100.${50 + i}`, iin)).status);
      runtime.clock.advance(60_000);
    }
    // Act: a minute after the hour, then once the first code is an hour old
    const afterTheHour = await codeFrom('198.51.100.60', iin, 'en');
    runtime.clock.set(new Date(first + 3_600_000 + 1_000));
    const anHourAfterTheFirst = await codeFrom('198.51.100.61', iin);
    // Assess
    expect(sent).toEqual([202, 202, 202, 202, 202]);
    expect(afterTheHour.status).toBe(429);
    expect((await afterTheHour.json()).error.message).toBe('Too many requests. Try again in 55 min.');
    expect(anHourAfterTheFirst.status).toBe(202);
  });

  it("should let exactly one of ten simultaneous requests for the same IIN take the minute's place", async () => {
    // Prepare: the limit check itself, ten at once on DynamoDB Local (over HTTP they arrive one after another too often to race)
    anHourLater();
    const deps = dependencies();
    const iin = makeIin('1992-03-04', 'female', 6262);
    // Act
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => enforceLimits(deps, [{ limits: loginCodeLimits.perIin, subject: iin, counting: 'exact' }], 1)));
    // Assess: the conditional write lets one through; the others see its hit, or lose the race and are refused
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual(Array(9).fill(expect.any(RateLimitedError)));
  });

  it('should let twenty parents behind one address ask for codes at the same moment', async () => {
    // Prepare: one school's network at a campaign's start
    startOfNextHour();
    // Act
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => codeFrom('192.0.2.200', makeIin('1988-08-08', 'female', 3000 + i)).then((r) => r.status)));
    // Assess: the address's counter moves atomically, so none of them is refused below its limit
    expect(statuses).toEqual(Array(20).fill(202));
  });

  it('should limit one client address to 30 codes an hour, whatever IINs it asks for', async () => {
    // Prepare: a fresh hour
    startOfNextHour();
    const limit = loginCodeLimits.perClient[0].max;
    // Act
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) statuses.push((await codeFrom('192.0.2.77', makeIin('1985-05-05', 'male', 1000 + i))).status);
    const otherClient = await codeFrom('192.0.2.78', makeIin('1985-05-05', 'male', 2000));
    // Assess
    expect(statuses.filter((s) => s === 202)).toHaveLength(limit);
    expect(statuses.at(-1)).toBe(429);
    expect(otherClient.status).toBe(202);
  });

  it('should ignore a CloudFront-Viewer-Address sent without the origin secret, and believe one sent with it', async () => {
    // Prepare: a fresh hour; a caller that reaches the API directly and writes a new address each time
    startOfNextHour();
    const forged = (i: number, secret?: string) =>
      fetch(`${runtime.url}/api/auth/parent/code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `198.18.0.${i}:443`, ...(secret !== undefined && { 'x-kezek-origin-verify': secret }) },
        body: JSON.stringify({ iin: makeIin('1984-04-04', 'female', 4000 + i) }),
      });

    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await forged(i)).status);
    const wrongSecret = await forged(100, `${runtime.originSecret}x`);
    const withSecret = await forged(101, runtime.originSecret);

    // Assess: the 30 per hour were counted on the connection's own address, whatever the header said
    expect(statuses).toEqual([...Array(30).fill(202), 429]);
    expect(wrongSecret.status).toBe(429);
    expect(withSecret.status).toBe(202);
  });

  it('should still log a parent in normally within the limits', async () => {
    runtime.clock.advance(3_600_000);
    const parent = runtime.seed!.data.demoParents[2]!;
    const session = await loginParent(runtime, parent);
    expect(session.cookies.has('kezek_session')).toBe(true);
  });
});

/** A code check from a client that presents itself through CloudFront's viewer-address header. */
function verifyFrom(address: string, iin: string, code: string, language = 'ru') {
  return fetch(`${runtime.url}/api/auth/parent/session`, {
    method: 'POST',
    // As CloudFront forwards it: the viewer's address with the origin secret, which makes it believed.
    headers: { 'content-type': 'application/json', 'accept-language': language, 'cloudfront-viewer-address': `${address}:51234`, 'x-kezek-origin-verify': runtime.originSecret },
    body: JSON.stringify({ iin, code }),
  });
}

describe('login code guesses', () => {
  it('should grant exactly five of 100 simultaneous tries on one code', async () => {
    // Prepare: a live code with no tries taken
    const { auth } = dependencies();
    const iin = makeIin('1993-04-05', 'male', 7373);
    const now = runtime.clock.now();
    await auth.saveLoginCode({ iin, salt: 'salt', codeHash: 'ab'.repeat(32), attempts: 0, expiresAt: new Date(now.getTime() + 300_000).toISOString() });
    // Act
    const tries = await Promise.all(Array.from({ length: 100 }, () => auth.takeLoginCodeAttempt(iin, 5, now.toISOString())));
    // Assess: the count moves only while below the limit, so the sixth and later find none left
    expect(tries.filter((code) => code !== undefined)).toHaveLength(5);
  });

  it('should compare at most five of 100 simultaneous guesses, the right code among them, and open no session', async () => {
    // Prepare: a parent's live code; the limits raised, so only the code's own tries decide
    anHourLater();
    const parent = runtime.seed!.data.demoParents[0]!;
    const base = dependencies();
    const deps = { accounts: base.accounts, auth: base.auth, clock: base.clock, rateLimitScale: 1000 };
    await sendParentLoginCode({ ...deps, notifier: runtime.notifier }, parent.iin, 'ru', '203.0.113.90');
    const code = /\d{6}/.exec(runtime.notifier.lastTo(parent.phone)!.text)![0];
    const wrongCodes = Array.from({ length: 99 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    comparisons.count = 0;
    // Act: 99 wrong guesses at once; the right one is sent with them, and reaches the table once they are answered
    const wrong = Promise.allSettled(wrongCodes.map((guess, i) => verifyParentLoginCode(deps, parent.iin, guess, `198.18.0.${i}`)));
    const heldAuth = new Proxy(deps.auth, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? async (...args: unknown[]) => (await wrong, value.apply(target, args)) : value;
      },
    });
    const [wrongOutcomes, [rightOutcome]] = await Promise.all([wrong, Promise.allSettled([verifyParentLoginCode({ ...deps, auth: heldAuth }, parent.iin, code, '198.18.1.1')])]);
    const compared = comparisons.count;
    // Assess
    console.info(`login code guesses compared: ${compared} of 100`);
    expect(compared).toBeLessThanOrEqual(5);
    expect(wrongOutcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(rightOutcome!.status).toBe('rejected');
    expect((rightOutcome as PromiseRejectedResult).reason).toBeInstanceOf(InvalidLoginCodeError);
  });

  it('should refuse the eleventh code check for one IIN within 15 minutes with 429 and when to retry, from any address', async () => {
    // Prepare
    anHourLater();
    const iin = makeIin('1994-05-06', 'female', 8484);
    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await verifyFrom(`198.51.100.${100 + i}`, iin, '000000')).status);
    const eleventh = await verifyFrom('198.51.100.120', iin, '000000', 'en');
    // Assess
    expect(statuses).toEqual(Array(10).fill(401));
    expect(eleventh.status).toBe(429);
    expect((await eleventh.json()).error.message).toBe('Too many requests. Try again in 15 min.');
  });

  it('should refuse the 61st code check from one address within an hour, whatever IINs it tries, in Russian and Kazakh', async () => {
    // Prepare: a fresh hour
    startOfNextHour();
    // Act
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await verifyFrom('192.0.2.99', makeIin('1986-06-06', 'male', 4000 + i), '000000')).status);
    const ru = await verifyFrom('192.0.2.99', makeIin('1986-06-06', 'male', 4100), '000000', 'ru');
    const kk = await verifyFrom('192.0.2.99', makeIin('1986-06-06', 'male', 4200), '000000', 'kk');
    const otherClient = await verifyFrom('192.0.2.98', makeIin('1986-06-06', 'male', 4300), '000000');
    // Assess
    expect(statuses).toEqual(Array(60).fill(401));
    expect(ru.status).toBe(429);
    expect((await ru.json()).error.message).toBe('Слишком много запросов. Повторите через 60 мин.');
    expect((await kk.json()).error.message).toBe('Сұраныстар тым көп. 60 минуттан кейін қайталап көріңіз.');
    expect(otherClient.status).toBe(401);
  });
});

describe('staff passwords', () => {
  it('should refuse a login after ten wrong passwords in 15 minutes, even with the right one, then allow it again', async () => {
    // Prepare: a fresh hour (and so a fresh quarter of an hour)
    anHourLater();
    const { login, password } = runtime.seed!.data.staff;
    const limit = staffLoginLimits.perLogin[0].max;
    const attempt = async (pass: string) =>
      client(runtime.url).call('POST /api/auth/staff/session', { body: { login, password: pass, code: await nextStaffCode(runtime, login) } }, { language: 'en' });
    // Act
    const wrong: number[] = [];
    for (let i = 0; i < limit; i++) wrong.push((await attempt(`guess-${i}`)).status);
    const right = await attempt(password);
    runtime.clock.advance(15 * 60_000);
    const later = await attempt(password);
    // Assess
    expect(wrong.every((status) => status === 401)).toBe(true);
    expect(right.status).toBe(429);
    expect(right.body.error.message).toMatch(/^Too many requests\. Try again in \d+ min\.$/);
    expect(later.status).toBe(200);
  });
});

describe('staff second-factor codes', () => {
  it('should count wrong codes with the right password against the same limit, and refuse the right code after ten', async () => {
    // Prepare: a fresh hour (and so a fresh quarter of an hour)
    anHourLater();
    const { login, password } = runtime.seed!.data.staff;
    const limit = staffLoginLimits.perLogin[0].max;
    const attempt = (code: string) => client(runtime.url).call('POST /api/auth/staff/session', { body: { login, password, code } }, { language: 'en' });
    // Act
    const wrong: number[] = [];
    for (let i = 0; i < limit; i++) wrong.push((await attempt(String(100000 + i))).status);
    const right = await attempt(await nextStaffCode(runtime, login));
    runtime.clock.advance(15 * 60_000);
    const later = await attempt(await nextStaffCode(runtime, login));
    // Assess
    expect(wrong.every((status) => status === 401)).toBe(true);
    expect(right.status).toBe(429);
    expect(later.status).toBe(200);
  });
});

describe('verification mails (each goes to an address a parent typed)', () => {
  it('should mail at most three links an hour for one parent, refuse the fourth save with 429 in the language asked for and change nothing', async () => {
    // Prepare
    const parent = runtime.seed!.data.demoParents.at(-1)!;
    const cabinet = await loginParent(runtime, parent);
    const address = (n: number) => `limit${n}.${parent.iin}@example.kz`;
    const save = (n: number) => cabinet.call('PUT /api/cabinet/contacts', { body: { language: 'ru', email: address(n) } }, { language: 'ru' });
    const mailed = () => runtime.mailer.outbox.filter((entry) => String(entry.to).includes(parent.iin)).length;
    // Act
    const statuses: number[] = [];
    for (let n = 1; n <= 3; n++) statuses.push((await save(n)).status);
    const fourth = await save(4);
    const kept = await cabinet.call('GET /api/cabinet/contacts');
    runtime.clock.advance(3_600_000);
    const anHourLater = await save(5);
    // Assess
    expect(statuses).toEqual([200, 200, 200]);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('rate_limited');
    expect(kept.body.contacts.email).toBe(address(3));
    expect(anHourLater.status).toBe(200);
    expect(mailed()).toBe(4);
  });
});

describe('verification mails held back, not the save', () => {
  it('should save a language change with the same unconfirmed address after three links, mailing no fourth and keeping the third link working', async () => {
    // Prepare: a parent who typed an address and then changed the message language three times (each save of an unconfirmed address mails a link)
    const demo = new Set(runtime.seed!.data.demoParents.map((p) => p.iin));
    const parent = runtime.seed!.data.parents.find((p) => !demo.has(p.iin))!;
    const cabinet = await loginParent(runtime, parent);
    const address = `held.${parent.iin}@example.kz`;
    const save = (language: 'kk' | 'ru' | 'en') => cabinet.call('PUT /api/cabinet/contacts', { body: { language, email: address } }, { language: 'ru' });
    const mails = () => runtime.mailer.outbox.filter((entry) => String(entry.to).includes(address));
    const statuses: number[] = [];
    for (const language of ['ru', 'kk', 'en'] as const) statuses.push((await save(language)).status);
    const third = /email-token=([A-Za-z0-9_-]{43})/.exec(mails()[2]!.text)![1]!;
    // Act
    const fourth = await save('kk');
    const verified = await cabinet.call('PUT /api/cabinet/contacts', { body: { emailToken: third } }, { language: 'ru' });
    // Assess
    expect(statuses).toEqual([200, 200, 200]);
    expect(fourth.status).toBe(200);
    expect(fourth.body.contacts).toMatchObject({ language: 'kk', email: address, emailVerified: false, verificationMail: 'held' });
    expect(mails()).toHaveLength(3);
    expect(verified.status).toBe(200);
    expect(verified.body.contacts).toMatchObject({ language: 'kk', email: address, emailVerified: true });
  });
});

describe('sessions', () => {
  it('should expire a parent session after 12 hours', async () => {
    runtime.clock.advance(3_600_000);
    const parent = await loginParent(runtime, runtime.seed!.data.demoParents[3]!);
    expect((await parent.call('GET /api/cabinet/applications')).status).toBe(200);
    runtime.clock.advance(12 * 3_600_000 + 1000);
    expect((await parent.call('GET /api/cabinet/applications')).status).toBe(401);
  });
});
