import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { loginParent, startTestRuntime } from '../support/runtime.ts';

// Before the logger is made (imports are hoisted below this): Powertools resets every invocation
// to the level it was made with, so a later `setLogLevel` would not last.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});

let runtime: LocalRuntime;
/** Everything written to stdout while this file runs (the logger's JSON lines among it), kept off the test output. */
const written: string[] = [];

beforeAll(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  // No background polling: a job or the SMS sender running beside the request would log from the same
  // process (locally every function shares one logger; in AWS each has its own), so lines would mix.
  runtime = await startTestRuntime(60, { schedulerIntervalMs: 3_600_000 });
});

afterAll(async () => {
  await runtime?.stop();
  vi.restoreAllMocks();
  delete process.env.POWERTOOLS_LOG_LEVEL;
});

/** The logger's JSON lines written while `act` runs. */
async function logLinesDuring(act: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const start = written.length;
  await act();
  return written
    .slice(start)
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('transition log through the handlers', () => {
  it('should write one structured line for a parent’s restore, with the route and without personal data', async () => {
    // Prepare
    const data = runtime.seed!.data;
    const stopped = data.applications.find((a) => a.status === 'stopped' && a.stopReason === 'cleanup')!;
    const parent = data.parents.find((p) => p.iin === stopped.applicantIin)!;
    const parentClient = await loginParent(runtime, parent);

    // Act
    const lines = await logLinesDuring(() => parentClient.call('POST /api/cabinet/applications/{applicationId}/restore', { params: { applicationId: stopped.applicationId } }));

    // Assess
    expect(lines.filter((line) => line.message === 'application transition')).toEqual([
      expect.objectContaining({
        level: 'INFO',
        applicationId: stopped.applicationId,
        action: 'restore_cleanup',
        from: 'stopped',
        to: 'queued',
        fromStopReason: 'cleanup',
        actorRole: 'parent',
        route: 'POST /api/cabinet/applications/{applicationId}/restore',
        function_name: 'local-cabinet-restore',
      }),
    ]);
    const text = JSON.stringify(lines);
    for (const value of [stopped.childIin, stopped.applicantIin, stopped.childName, parent.phone, parent.displayName]) expect(text).not.toContain(value);
  });
});
