import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ageGroupOn } from '#domain/age';
import type { Application } from '#domain/application';
import { makeIin } from '#domain/iin';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import type { LocalRuntime } from '../../local/runtime.ts';
import { client, loginParent, loginStaff, settle, startTestRuntime, type Client } from '../support/runtime.ts';

let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(400);
  staff = await loginStaff(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

const data = () => runtime.seed!.data;

/** The stored application, read straight from the table (what the API shows must match it). */
async function stored(applicationId: string): Promise<Application> {
  const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.applications, Key: { applicationId }, ConsistentRead: true }));
  return Item as Application;
}

async function kindergartenWithFreePlace(application: Application) {
  const answer = await staff.call('GET /api/staff/kindergartens');
  const group = ageGroupOn(application.birthDate, kazakhstanDate(runtime.clock.now()));
  const free = answer.body.kindergartens.find(
    (k: { capacity: Record<string, number>; occupancy?: Record<string, number>; languages: string[] }) =>
      k.capacity[group]! - (k.occupancy?.[group] ?? 0) > 0 && k.languages.includes(application.language),
  );
  return { kindergarten: free as { kindergartenId: string; occupancy: Record<string, number> }, group };
}

/** Two queued applications of the same cohort: one ahead of a demo parent's, and the parent's own. */
async function aheadAndBehind() {
  const parent = data().demoParents[1]!;
  const own = data().applications.find((a) => a.applicantIin === parent.iin && a.status === 'queued')!;
  const mine = await stored(own.applicationId);
  const cohort = (await staff.call('GET /api/staff/queue', { query: { birthYear: mine.birthDate.slice(0, 4) } })).body.entries as { applicationId: string; position: number }[];
  const ahead = cohort.find((entry) => entry.position < mine.position! && entry.applicationId !== mine.applicationId);
  return { parent, mine, ahead: ahead ? await stored(ahead.applicationId) : undefined };
}

describe('staff register an application', () => {
  const childIin = makeIin('2024-05-17', 'female', 9001);
  const applicantIin = makeIin('1991-02-03', 'female', 77);
  const body = (kindergartenIds: string[]) => ({
    childIin,
    childName: 'Әлия Сейіт',
    applicantIin,
    applicantPhone: '+77015550101',
    applicantName: 'Дина Сейіт',
    priority: 'none' as const,
    kindergartenIds,
    language: 'kk' as const,
  });

  it('should queue it with a position, history and a notice, and open a cabinet for the parent', async () => {
    // Prepare
    const kazakh = data().kindergartens.filter((k) => k.languages.includes('kk')).slice(0, 2).map((k) => k.kindergartenId);
    // Act
    const answer = await staff.call('POST /api/staff/applications', { body: body(kazakh) });
    // Assess
    expect(answer.status).toBe(201);
    await settle(runtime);
    const application = await stored(answer.body.application.applicationId);
    expect(application).toMatchObject({ status: 'queued', birthDate: '2024-05-17', childIin, tenantId: 'temirtau' });
    expect(application.position).toBeGreaterThan(0);
    expect(application.history?.[0]).toMatchObject({ action: 'register', to: 'queued', actor: { role: 'staff' } });
    expect(answer.body.application.childIin).toBe(`••••••••••${childIin.slice(10)}`);
    const parent = await loginParent(runtime, { iin: applicantIin, phone: '+77015550101' });
    const cabinet = await parent.call('GET /api/cabinet/applications');
    expect(cabinet.body.applications).toHaveLength(1);
    expect(cabinet.body.applications[0]!.position).toBe(application.position);
  });

  it('should refuse a second active application for the same child and write nothing', async () => {
    // Prepare
    const kazakh = data().kindergartens.filter((k) => k.languages.includes('kk')).slice(2, 3).map((k) => k.kindergartenId);
    // Act
    const answer = await staff.call('POST /api/staff/applications', { body: body(kazakh) }, { language: 'ru' });
    // Assess
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toBe('У этого ребёнка уже есть действующее заявление в этом отделе образования.');
    const parent = await loginParent(runtime, { iin: applicantIin, phone: '+77015550101' });
    expect((await parent.call('GET /api/cabinet/applications')).body.applications).toHaveLength(1);
  });

  it('should list every rule a form breaks, in the language asked for', async () => {
    // Prepare: a checksum-broken child IIN, a child too old, an unknown kindergarten, a wrong language
    const badIin = childIin.slice(0, 11) + String((Number(childIin[11]) + 1) % 10);
    const russianOnly = data().kindergartens.find((k) => k.languages.length === 1 && k.languages[0] === 'ru')!;
    // Act
    const answer = await staff.call('POST /api/staff/applications', { body: { ...body(['kg-999', russianOnly.kindergartenId]), childIin: badIin, applicantIin: makeIin('2015-01-01', 'male', 1) } }, { language: 'kk' });
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([
      { path: 'childIin', message: 'Мұндай ЖСН болмайды: туған күні немесе бақылау цифры қате.' },
      { path: 'kindergartenIds.0', message: 'Бұл білім бөлімінде мұндай балабақша жоқ.' },
      { path: 'kindergartenIds.1', message: 'Бұл балабақшада таңдалған тілде топ жоқ.' },
    ]);
  });
});

describe('referrals', () => {
  it('should refer, take a place, schedule the expiry and explain the move to those behind', async () => {
    // Prepare
    const { parent, mine, ahead } = await aheadAndBehind();
    expect(ahead, 'a queued application ahead of the demo parent').toBeDefined();
    const { kindergarten, group } = await kindergartenWithFreePlace(ahead!);
    // Act
    const answer = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: ahead!.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } });
    // Assess: the referral, the place, the schedule
    expect(answer.status).toBe(200);
    await settle(runtime);
    expect(answer.body.application.status).toBe('referred');
    const after = (await staff.call('GET /api/staff/kindergartens')).body.kindergartens.find((k: { kindergartenId: string }) => k.kindergartenId === kindergarten.kindergartenId);
    expect(after!.occupancy![group]).toBe((kindergarten.occupancy?.[group] ?? 0) + 1);
    const schedules = await dynamoDocumentClient().send(
      new GetCommand({ TableName: runtime.tableNames.schedules, Key: { scheduleName: `referral-expiry-${ahead!.applicationId}-${Math.floor(Date.parse(answer.body.application.referral!.issuedAt) / 1000)}` } }),
    );
    expect(schedules.Item).toMatchObject({ state: 'scheduled', task: { kind: 'referral-expiry', applicationId: ahead!.applicationId } });
    // Assess: the parent behind sees the move and why
    const parentClient = await loginParent(runtime, parent);
    const cabinet = await parentClient.call('GET /api/cabinet/applications');
    const card = cabinet.body.applications.find((a: { applicationId: string }) => a.applicationId === mine.applicationId);
    expect(card!.position).toBeLessThan(mine.position!);
    expect(card!.positionLog.at(-1)).toMatchObject({ from: mine.position, to: card!.position });
    expect(card!.positionLog.at(-1)!.reasons.referred).toBe(1);
    // Assess: the referred parent got a notice with the kindergarten
    const notices = await dynamoDocumentClient().send(
      new GetCommand({ TableName: runtime.tableNames.notifications, Key: { recipientIin: ahead!.applicantIin, notificationId: `${answer.body.application.referral!.issuedAt}#${ahead!.applicationId}#refer` } }),
    );
    expect(notices.Item).toMatchObject({ kind: 'refer', channels: { cabinet: 'delivered' }, params: { kindergartenId: kindergarten.kindergartenId } });
  });

  it('should refuse a referral to a kindergarten with no free place in the age group', async () => {
    // Prepare: fill the chosen kindergarten's group, then try to refer another child of that age
    const candidate = data().applications.find((a) => a.status === 'queued' && a.birthDate.startsWith('2023'))!;
    const { kindergarten, group } = await kindergartenWithFreePlace(candidate);
    const table = runtime.tableNames.kindergartens;
    const full = (await dynamoDocumentClient().send(new GetCommand({ TableName: table, Key: { tenantId: 'temirtau', kindergartenId: kindergarten.kindergartenId } }))).Item!;
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await dynamoDocumentClient().send(
      new UpdateCommand({ TableName: table, Key: { tenantId: 'temirtau', kindergartenId: kindergarten.kindergartenId }, UpdateExpression: 'SET occupancy.#g = :c', ExpressionAttributeNames: { '#g': group }, ExpressionAttributeValues: { ':c': full.capacity[group] } }),
    );
    // Act
    const answer = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: candidate.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } }, { language: 'en' });
    // Assess: refused, and the application is untouched
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('no_free_place');
    expect((await stored(candidate.applicationId)).status).toBe('queued');
  });

  it('should stop an unused referral when it expires and bring it back on the 10th working day with its original date', async () => {
    // Prepare: Friday 13 March 2026, 11:00 in Kazakhstan; 5 working days → expires Fri 20 March 23:59:59
    runtime.clock.set(new Date('2026-03-13T06:00:00Z'));
    const candidate = data().applications.find((a) => a.status === 'queued' && a.birthDate.startsWith('2022'))!;
    const { kindergarten } = await kindergartenWithFreePlace(candidate);
    const staffNow = await loginStaff(runtime);
    const referred = await staffNow.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: candidate.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } });
    expect(referred.body.application.referral!.expiresAt).toBe('2026-03-20T18:59:59.000Z');

    // Act 1: the referral's last second passes; the scheduler fires
    runtime.clock.set(new Date('2026-03-20T19:00:05Z'));
    await runtime.pollSchedules();
    const stopped = await stored(candidate.applicationId);

    // Assess 1: stopped, returning on 8 April (21–25 March: weekend and Nauryz)
    expect(stopped).toMatchObject({ status: 'stopped', stopReason: 'referral_expired', autoRestoreAt: '2026-04-07T19:00:00.000Z' });
    expect(stopped.position).toBeUndefined();
    const parent = data().parents.find((p) => p.iin === candidate.applicantIin)!;
    const parentClient = await loginParent(runtime, parent);
    const refused = await parentClient.call('POST /api/cabinet/applications/{applicationId}/restore', { params: { applicationId: candidate.applicationId } }, { language: 'ru' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('Заявление, остановленное из-за истёкшего направления, вернётся в очередь автоматически: 08.04.2026.');

    // Act 2: the day before nothing happens; on the day it returns
    runtime.clock.set(new Date('2026-04-07T18:59:00Z'));
    await runtime.pollSchedules();
    expect((await stored(candidate.applicationId)).status).toBe('stopped');
    runtime.clock.set(new Date('2026-04-07T19:00:01Z'));
    await settle(runtime);

    // Assess 2: queued again with the original registration date and a position; the full story is in the history
    const back = await stored(candidate.applicationId);
    expect(back).toMatchObject({ status: 'queued', registeredAt: candidate.registeredAt });
    expect(back.stopReason).toBeUndefined();
    expect(back.position).toBeGreaterThan(0);
    expect(back.history!.map((e) => e.action)).toEqual(['register', 'refer', 'expire_referral', 'restore_after_referral']);
    runtime.clock.set(new Date());
  });

  it('should give the place back to the age group it was taken in when the child has a birthday before the referral expires', async () => {
    // Prepare: Monday 11 May 2026, 11:00 in Kazakhstan; a child born 16 May 2023 is 2 (junior) today and 3 (middle) before the expiry
    runtime.clock.set(new Date('2026-05-11T06:00:00Z'));
    const staffNow = await loginStaff(runtime);
    const registered = await staffNow.call('POST /api/staff/applications', {
      body: {
        childIin: makeIin('2023-05-16', 'male', 9102),
        childName: 'Нұрлан Әбенов',
        applicantIin: makeIin('1990-07-08', 'female', 78),
        applicantPhone: '+77015550102',
        applicantName: 'Сәуле Әбенова',
        priority: 'none',
        kindergartenIds: [data().kindergartens.find((k) => k.languages.includes('kk'))!.kindergartenId],
        language: 'kk',
      },
    });
    expect(registered.status).toBe(201);
    await settle(runtime);
    const child = await stored(registered.body.application.applicationId);
    const { kindergarten, group } = await kindergartenWithFreePlace(child);
    expect(group).toBe('junior');
    const occupancy = async () =>
      (await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.kindergartens, Key: { tenantId: 'temirtau', kindergartenId: kindergarten.kindergartenId }, ConsistentRead: true }))).Item!
        .occupancy as Record<string, number>;
    const before = await occupancy();
    const referred = await staffNow.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId: child.applicationId }, body: { kindergartenId: kindergarten.kindergartenId } });
    expect(referred.status).toBe(200);
    expect(await occupancy()).toEqual({ ...before, junior: before.junior! + 1 });
    expect((await stored(child.applicationId)).referral).toMatchObject({ kindergartenId: kindergarten.kindergartenId, ageGroup: 'junior' });

    // Act: the dev clock passes the birthday and the referral's last second; the expiry job fires
    const expiresAt = referred.body.application.referral!.expiresAt as string;
    expect(expiresAt > '2026-05-15T19:00:00.000Z').toBe(true); // after the birthday (00:00 of 16 May in Kazakhstan)
    runtime.clock.set(new Date(Date.parse(expiresAt) + 6_000));
    await runtime.pollSchedules();

    // Assess: stopped, and the junior place is free again; the middle group untouched
    expect(await stored(child.applicationId)).toMatchObject({ status: 'stopped', stopReason: 'referral_expired' });
    expect(await occupancy()).toEqual(before);
    runtime.clock.set(new Date());
  });

  it('should enroll a referred child and release the child for a later application', async () => {
    const referred = data().applications.find((a) => a.status === 'referred')!;
    const answer = await staff.call('POST /api/staff/applications/{applicationId}/enrollment', { params: { applicationId: referred.applicationId } });
    expect(answer.status).toBe(200);
    expect(answer.body.application.status).toBe('enrolled');
    const guard = await dynamoDocumentClient().send(
      new GetCommand({ TableName: runtime.tableNames.constraints, Key: { constraintId: `active-child#temirtau#${referred.childIin}` } }),
    );
    expect(guard.Item).toBeUndefined();
  });
});

describe('parents and the stop-list', () => {
  it('should let a parent restore a cleanup stop with its original date and a new validity', async () => {
    // Prepare
    const parent = data().demoParents[2]!;
    const stopped = data().applications.find((a) => a.applicantIin === parent.iin && a.status === 'stopped' && a.stopReason === 'cleanup')!;
    const parentClient = await loginParent(runtime, parent);
    // Act
    const answer = await parentClient.call('POST /api/cabinet/applications/{applicationId}/restore', { params: { applicationId: stopped.applicationId } });
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.application).toMatchObject({ status: 'queued', registeredAt: stopped.registeredAt, actions: ['withdraw'] });
    expect(answer.body.application.validUntil > stopped.validUntil).toBe(true);
    await settle(runtime);
    const cabinet = await parentClient.call('GET /api/cabinet/applications');
    const restored = cabinet.body.applications.find((a: { applicationId: string }) => a.applicationId === stopped.applicationId);
    expect(restored!.position).toBeGreaterThan(0);
    expect(restored!.positionLog.at(-1)!.reasons).toEqual({ restored: 1 });
  });

  it('should list the notices with their channels, newest first, and mark them read for their owner only', async () => {
    // Prepare: demo parent 2 restored an application in the test above, which notified them
    const owner = await loginParent(runtime, data().demoParents[2]!);
    const stranger = await loginParent(runtime, data().demoParents[1]!);
    // Act
    const before = await owner.call('GET /api/cabinet/notifications');
    const restoreNotice = before.body.notifications.find((n: { kind: string }) => n.kind === 'restore_cleanup');
    const byStranger = await stranger.call('POST /api/cabinet/notifications/read', { body: { notificationIds: [restoreNotice!.notificationId] } });
    const byOwner = await owner.call('POST /api/cabinet/notifications/read', { body: { notificationIds: [restoreNotice!.notificationId] } });
    const after = await owner.call('GET /api/cabinet/notifications');
    // Assess
    expect(restoreNotice).toMatchObject({ read: false, channels: { cabinet: 'delivered' } });
    expect(byStranger.body.marked).toBe(0);
    expect(byOwner.body.marked).toBe(1);
    expect(after.body.unread).toBe(before.body.unread - 1);
    const times = after.body.notifications.map((n: { createdAt: string }) => n.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("should not let a parent act on another parent's application", async () => {
    const other = data().applications.find((a) => a.status === 'stopped' && a.stopReason === 'cleanup' && a.applicantIin !== data().demoParents[0]!.iin)!;
    const parentClient = await loginParent(runtime, data().demoParents[0]!);
    const answer = await parentClient.call('POST /api/cabinet/applications/{applicationId}/restore', { params: { applicationId: other.applicationId } });
    expect(answer.status).toBe(404);
    expect((await stored(other.applicationId)).status).toBe('stopped');
  });

  it('should withdraw at the parent’s request and show the history with who acted', async () => {
    const parent = data().demoParents[0]!;
    const own = data().applications.find((a) => a.applicantIin === parent.iin && a.status === 'queued')!;
    const parentClient = await loginParent(runtime, parent);
    const answer = await parentClient.call('POST /api/cabinet/applications/{applicationId}/withdrawal', { params: { applicationId: own.applicationId } });
    expect(answer.status).toBe(200);
    expect(answer.body.application.status).toBe('withdrawn');
    expect(answer.body.application.history.at(-1)).toEqual(expect.objectContaining({ action: 'withdraw', actor: { role: 'parent' } }));
  });

  it('should tell staff what they may do with an application in each status, as the state machine allows', async () => {
    // Prepare: one seeded application of each status (and of each stop reason), from the end of
    // the seed, which the other tests here (taking the first ones) leave alone
    const demoIins = new Set(data().demoParents.map((p) => p.iin));
    const of = (status: string, stopReason?: string) => data().applications.findLast((a) => a.status === status && (!stopReason || a.stopReason === stopReason) && !demoIins.has(a.applicantIin))!;
    const cases = [
      [of('queued'), ['refer', 'withdraw', 'change_kindergartens']],
      [of('referred'), ['enroll', 'withdraw']],
      [of('stopped', 'cleanup'), ['withdraw', 'restore', 'change_kindergartens']],
      [of('stopped', 'referral_expired'), ['withdraw', 'change_kindergartens']],
      [of('enrolled'), []],
      [of('withdrawn'), []],
    ] as const;
    // Act
    const answers = await Promise.all(cases.map(([application]) => staff.call('GET /api/staff/applications/{applicationId}', { params: { applicationId: application.applicationId } })));
    // Assess
    expect(answers.map((a) => a.body.application.actions)).toEqual(cases.map(([, actions]) => actions));
  });

  it('should let staff restore a cleanup stop for a parent who came in person, notify the parent and keep the original date', async () => {
    // Prepare: a cleanup stop of a parent none of the other tests here use
    const demoIins = new Set(data().demoParents.map((p) => p.iin));
    const cleanupStops = data().applications.filter((a) => a.status === 'stopped' && a.stopReason === 'cleanup' && !demoIins.has(a.applicantIin));
    const stopped = cleanupStops.at(-2)!;
    const parent = data().parents.find((p) => p.iin === stopped.applicantIin)!;
    // Act
    const answer = await staff.call('POST /api/staff/applications/{applicationId}/restore', { params: { applicationId: stopped.applicationId } });
    const again = await staff.call('POST /api/staff/applications/{applicationId}/restore', { params: { applicationId: stopped.applicationId } }, { language: 'ru' });
    // Assess: queued with its date, the staff member in its history, the parent told, a second try refused
    expect(answer.status).toBe(200);
    expect(answer.body.application).toMatchObject({ status: 'queued', registeredAt: stopped.registeredAt, actions: ['refer', 'withdraw', 'change_kindergartens'] });
    expect(answer.body.application.history.at(-1)).toEqual(expect.objectContaining({ action: 'restore_cleanup', actor: { role: 'staff' } }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('transition_not_allowed');
    const notices = await (await loginParent(runtime, parent)).call('GET /api/cabinet/notifications');
    expect(notices.body.notifications.map((n: { kind: string }) => n.kind)).toContain('restore_cleanup');
  });

  it("should keep staff of a tenant away from an application they cannot see", async () => {
    const anonymous = client(runtime.url);
    expect((await anonymous.call('GET /api/staff/applications/{applicationId}', { params: { applicationId: data().applications[0]!.applicationId } })).status).toBe(401);
  });
});
