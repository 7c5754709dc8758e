import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeIin } from '#domain/iin';
import { currentSurvey } from '#domain/survey-definition';
import { startLocalRuntime, type LocalRuntime } from '../../local/runtime.ts';
import { client, loginParent, loginStaff, settle } from '../support/runtime.ts';
import { sharedDynamo } from '../support/shared-dynamodb.ts';

const shared = sharedDynamo();
const sharedEngine = shared ? { sharedDynamo: shared } : {};

// The most talkative level, set before the logger is made (Powertools keeps the level it started with).
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

let runtime: LocalRuntime;
/** Everything the process wrote to stdout and stderr, and every line of the runtime's own log. */
const captured: string[] = [];

beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
  }
  runtime = await startLocalRuntime({ port: 0, data: 'memory', ...sharedEngine, seed: { applicationCount: 300 }, log: (line) => captured.push(line), schedulerIntervalMs: 200, rateLimitScale: 1000 });
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  vi.restoreAllMocks();
  delete process.env.POWERTOOLS_LOG_LEVEL;
});

/** Every way an IIN or a phone number could be written: as is, digits only, with spaces. */
function forms(value: string): string[] {
  const digits = value.replace(/\D/g, '');
  return [...new Set([value, digits, digits.slice(1), digits.replace(/(\d{3})(?=\d)/g, '$1 ')])].filter((form) => form.length >= 10);
}

describe('personal data in the logs', () => {
  it('should write no IIN, no phone number and no e-mail address anywhere during a full journey of parents and staff', async () => {
    // Prepare: the people of the journey
    const data = runtime.seed!.data;
    const parent = data.demoParents[0]!;
    const stopped = data.applications.find((a) => a.status === 'stopped' && a.stopReason === 'cleanup')!;
    const stoppedParent = data.parents.find((p) => p.iin === stopped.applicantIin)!;
    const newChild = makeIin('2024-06-01', 'male', 8123);
    const newApplicant = makeIin('1990-07-07', 'female', 8124);
    const newPhone = '+77015559876';
    const secrets = [
      ...[parent, stoppedParent].flatMap((p) => [p.iin, p.phone]),
      ...data.applications.filter((a) => a.applicantIin === parent.iin || a.applicantIin === stoppedParent.iin).map((a) => a.childIin),
      newChild,
      newApplicant,
      newPhone,
    ];
    /** The e-mail a parent adds and verifies (decision 59): never logged, whole or its mailbox name. */
    const email = `aigerim.seitkali.${parent.iin.slice(-4)}@example.kz`;
    const emailSecrets = [email, email.slice(0, email.indexOf('@')), 'mistyped.address@@example.kz'];

    // Act: staff run a campaign, register an application and refer one; parents log in, answer, restore; mistakes on the way
    const staff = await loginStaff(runtime);
    const withEmail = await loginParent(runtime, parent);
    await withEmail.call('PUT /api/cabinet/contacts', { body: { language: 'ru', email: 'mistyped.address@@example.kz' } });
    await withEmail.call('PUT /api/cabinet/contacts', { body: { language: 'ru', email } });
    const token = /email-token=([\w-]{43})/.exec(runtime.mailer.lastTo(email)?.text ?? '')?.[1];
    expect((await withEmail.call('PUT /api/cabinet/contacts', { body: { emailToken: token } })).body.contacts.emailVerified).toBe(true);
    await client(runtime.url).call('POST /api/auth/staff/session', { body: { login: data.staff.login, password: 'wrong' } });
    const now = runtime.clock.now();
    const campaign = await staff.call('POST /api/staff/campaigns', { body: { year: now.getUTCFullYear(), startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 86_400_000).toISOString() } });
    const campaignId = campaign.body.campaign.campaignId;
    await staff.call('POST /api/staff/campaigns/{campaignId}/start', { params: { campaignId } });
    await settle(runtime);
    const registered = await staff.call('POST /api/staff/applications', { body: { childIin: newChild, childName: 'Нұрсұлтан Әли', applicantIin: newApplicant, applicantPhone: newPhone, applicantName: 'Айгерім Әли', priority: 'none', kindergartenIds: [data.kindergartens[0]!.kindergartenId], language: 'kk' } });
    expect(registered.status).toBe(201);
    await staff.request('POST', '/api/staff/applications', { body: { childIin: newChild.slice(0, 11) + '0', applicantIin: newApplicant, applicantPhone: newPhone } });
    await client(runtime.url).call('POST /api/auth/parent/code', { body: { iin: newApplicant.slice(0, 11) } });
    await client(runtime.url).call('POST /api/auth/parent/session', { body: { iin: parent.iin, code: '000000' } });
    const parentClient = await loginParent(runtime, parent);
    await parentClient.call('GET /api/cabinet/applications');
    await parentClient.call('GET /api/cabinet/survey');
    await parentClient.call('POST /api/cabinet/survey', { body: { version: currentSurvey().version, answers: { kindergartens: [data.kindergartens[1]!.kindergartenId], ownership: { choice: 'any', reasons: [] }, language: { choice: 'kk' }, fee: { choice: 'up-to-20000' }, activities: { options: [], other: `мой ИИН ${parent.iin}` }, digital: { options: [] } } } });
    await parentClient.call('GET /api/cabinet/notifications');
    const restorer = await loginParent(runtime, stoppedParent);
    await restorer.call('POST /api/cabinet/applications/{applicationId}/restore', { params: { applicationId: stopped.applicationId } });
    await staff.call('GET /api/staff/queue', { query: { birthYear: stopped.birthDate.slice(0, 4) } });
    await staff.call('GET /api/staff/campaigns/{campaignId}/dashboard', { params: { campaignId } });
    await staff.call('POST /api/staff/campaigns/{campaignId}/exports', { params: { campaignId }, body: { kind: 'answers', language: 'ru' } });
    await staff.call('GET /api/staff/applications/{applicationId}', { params: { applicationId: registered.body.application.applicationId } });
    runtime.clock.advance(2 * 86_400_000);
    await settle(runtime);
    await parentClient.call('POST /api/auth/logout');

    // Assess: the journey was logged (so the scan means something), and nothing personal is in it
    const text = captured.join('\n');
    expect(text).toMatch(/"level":"(INFO|DEBUG)"/);
    expect(text).toContain('"action":"confirm"');
    expect(text).toContain('"action":"restore_cleanup"');
    expect(text).toContain('[sms → ');
    expect(text).toContain('[mail → …@example.kz] ');
    expect(runtime.mailer.outbox.filter((m) => m.to.includes(email)).length).toBeGreaterThan(1);
    for (const secret of emailSecrets) expect(text.includes(secret), `an e-mail address (${secret.slice(-6)}) is in the logs`).toBe(false);
    for (const secret of secrets) {
      for (const form of forms(secret)) expect(text.includes(form), `a form of a personal number (${secret.slice(-4)}) is in the logs`).toBe(false);
    }
  }, 300_000);
});
