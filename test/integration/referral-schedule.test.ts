import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { ageGroupOn } from '#domain/age';
import { makeIin } from '#domain/iin';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { scheduleNames } from '#use-cases/schedule-names';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginStaff, settle, startTestRuntime, type Client } from '../support/runtime.ts';

/**
 * A referral schedules its expiry under a name EventBridge Scheduler must accept. With an
 * application registered by staff (`app-<uuid>`) the old name was 67 characters: AWS refused it,
 * and the local scheduler now refuses such a name as AWS does, so this journey covers it.
 */
let runtime: LocalRuntime;
let staff: Client;

beforeAll(async () => {
  runtime = await startTestRuntime(100);
  staff = await loginStaff(runtime);
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

describe('a referral for an application registered by staff', () => {
  it('should be issued, with its expiry scheduled under a name of at most 64 characters', async () => {
    // Prepare: a registered application (its id is `app-<uuid>`) and a kindergarten with a free place for it
    const kazakh = runtime.seed!.data.kindergartens.filter((k) => k.languages.includes('kk'));
    const registered = await staff.call('POST /api/staff/applications', {
      body: {
        childIin: makeIin('2023-04-11', 'male', 9101),
        childName: 'Нұрлан Әбілов',
        applicantIin: makeIin('1990-07-08', 'female', 88),
        applicantPhone: '+77015550202',
        applicantName: 'Айгүл Әбілова',
        priority: 'none',
        kindergartenIds: [kazakh[0]!.kindergartenId],
        language: 'kk',
      },
    });
    expect(registered.status).toBe(201);
    await settle(runtime);
    const applicationId = registered.body.application.applicationId as string;
    expect(applicationId).toMatch(/^app-[0-9a-f-]{36}$/);
    const group = ageGroupOn('2023-04-11', kazakhstanDate(runtime.clock.now()));
    const kindergartens = (await staff.call('GET /api/staff/kindergartens')).body.kindergartens as { kindergartenId: string; languages: string[]; capacity: Record<string, number>; occupancy?: Record<string, number> }[];
    const free = kindergartens.find((k) => k.languages.includes('kk') && k.capacity[group]! - (k.occupancy?.[group] ?? 0) > 0)!;
    // Act
    const referred = await staff.call('POST /api/staff/applications/{applicationId}/referral', { params: { applicationId }, body: { kindergartenId: free.kindergartenId } });
    // Assess
    expect(referred.status).toBe(200);
    const name = scheduleNames.referralExpiry(applicationId, referred.body.application.referral!.issuedAt);
    expect(name).toMatch(/^referral-expiry-[A-Za-z0-9_-]{43}$/);
    const { Item } = await dynamoDocumentClient().send(new GetCommand({ TableName: runtime.tableNames.schedules, Key: { scheduleName: name } }));
    expect(Item).toMatchObject({ state: 'scheduled', task: { kind: 'referral-expiry', applicationId } });
  });
});
