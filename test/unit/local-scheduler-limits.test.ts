import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LocalScheduler } from '#adapters/local/local-scheduler';
import type { JobTask } from '#ports/scheduler';

/** Records what would reach the Schedules table (nothing, when the request is refused). */
function recordingClient(): { client: DynamoDBDocumentClient; sent: unknown[] } {
  const sent: unknown[] = [];
  return { client: { send: async (command: unknown) => void sent.push(command) } as unknown as DynamoDBDocumentClient, sent };
}

const now = () => new Date('2026-03-13T06:00:00.000Z');
const task: JobTask = { kind: 'referral-expiry', applicationId: 'app-1', issuedAt: '2026-03-13T06:00:00.000Z' };
const at = '2026-03-20T18:59:59.000Z';

describe('the local scheduler refuses what EventBridge Scheduler refuses', () => {
  it('should accept a 64-character name and store it', async () => {
    // Prepare
    const { client, sent } = recordingClient();
    // Act
    await new LocalScheduler(client, 'schedules', now).scheduleOnce({ name: 'n'.repeat(64), at, task });
    // Assess
    expect(sent).toHaveLength(1);
  });

  it('should refuse a 67-character name, as the old referral expiry names were, and store nothing', async () => {
    // Prepare
    const { client, sent } = recordingClient();
    const name = `referral-expiry-app-0f8fad5b-d9cb-469f-a165-70867728950e-1773381600`;
    // Act
    const refused = new LocalScheduler(client, 'schedules', now).scheduleOnce({ name, at, task });
    // Assess
    await expect(refused).rejects.toMatchObject({ name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    await expect(refused).rejects.toThrow(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64`);
    expect(sent).toEqual([]);
  });

  it('should refuse a name with a character outside [0-9a-zA-Z-_.]', async () => {
    const { client, sent } = recordingClient();
    const refused = new LocalScheduler(client, 'schedules', now).scheduleOnce({ name: 'positions-temirtau#2023', at, task });
    await expect(refused).rejects.toThrow("Value 'positions-temirtau#2023' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+");
    expect(sent).toEqual([]);
  });

  it('should refuse an empty name and a group name Scheduler would not take', async () => {
    const { client, sent } = recordingClient();
    const refused = new LocalScheduler(client, 'schedules', now, 'kezek/prod').scheduleOnce({ name: '', at, task });
    await expect(refused).rejects.toThrow(
      "2 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; Value 'kezek/prod' at 'groupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z-_.]+",
    );
    expect(sent).toEqual([]);
  });

  it('should refuse a target input over 256 KB (262,144 bytes)', async () => {
    // Prepare: a task whose JSON is 262,145 bytes
    const { client, sent } = recordingClient();
    const base = JSON.stringify({ kind: 'export', tenantId: '', exportId: 'x' }).length;
    const big: JobTask = { kind: 'export', tenantId: 't'.repeat(262_145 - base), exportId: 'x' };
    expect(JSON.stringify(big).length).toBe(262_145);
    // Act
    const refused = new LocalScheduler(client, 'schedules', now).scheduleOnce({ name: 'export-x', at, task: big });
    // Assess
    await expect(refused).rejects.toThrow('Target input of 262145 bytes exceeds the maximum payload size of 262144 bytes');
    expect(sent).toEqual([]);
  });

  it('should refuse an enqueued job over an asynchronous invocation’s 1 MB (1,048,576 bytes), and take one at the limit', async () => {
    // Prepare
    const { client, sent } = recordingClient();
    const scheduler = new LocalScheduler(client, 'schedules', now);
    const base = JSON.stringify({ kind: 'export', tenantId: '', exportId: 'x' }).length;
    const atLimit: JobTask = { kind: 'export', tenantId: 't'.repeat(1_048_576 - base), exportId: 'x' };
    const over: JobTask = { kind: 'export', tenantId: 't'.repeat(1_048_577 - base), exportId: 'x' };
    // Act
    await scheduler.enqueue({ name: 'export-x', task: atLimit });
    const refused = scheduler.enqueue({ name: 'export-y', task: over });
    // Assess
    await expect(refused).rejects.toMatchObject({ name: 'RequestTooLargeException' });
    expect(sent).toHaveLength(1);
  });
});
