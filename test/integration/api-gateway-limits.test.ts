import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import type { LocalRuntime } from '../../local/runtime.ts';
import { repositoryRoot } from '../../local/runtime.ts';
import { startLocalServer } from '../../local/server.ts';
import { startTestRuntime } from '../support/runtime.ts';

/**
 * API Gateway refuses a payload over 10 MB (413) and stops waiting for an integration after 30 s
 * (504); Lambda fails a function past its own timeout (API Gateway then answers 500). The local
 * server does the same; the time limits are lowered here, the slowness comes from DynamoDB
 * requests held back on purpose.
 */
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime(20);
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

/** Holds every DynamoDB request back by `ms` while `act` runs. */
async function withSlowDynamo<T>(ms: number, act: () => Promise<T>): Promise<T> {
  const stack = dynamoDocumentClient().middlewareStack;
  stack.add((next) => async (args) => new Promise((resolveDelay) => setTimeout(resolveDelay, ms)).then(() => next(args)), { step: 'initialize', name: 'kezekTestSlowDynamo' });
  try {
    return await act();
  } finally {
    stack.remove('kezekTestSlowDynamo');
  }
}

async function serverWith(limits: { integrationTimeoutMs?: number; functionTimeoutMs?: number }) {
  return startLocalServer({ port: 0, webRoot: resolve(repositoryRoot, 'web', 'dist'), log: () => undefined, limits });
}

describe('API Gateway limits on the local server', () => {
  it('should answer 413 as API Gateway does to a body one byte over 10 MB (10,485,760 bytes)', async () => {
    // Prepare: valid JSON, padded with spaces to 10,485,761 bytes
    const json = JSON.stringify({ iin: '000000000000' });
    const body = json + ' '.repeat(10_485_761 - json.length);
    // Act
    const response = await fetch(`${runtime.url}/api/auth/parent/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    // Assess
    expect(response.status).toBe(413);
    // The same localized error body as every other error (the OpenAPI document declares API Gateway's own too).
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('should refuse a body of exactly 10 MB as Lambda does: API Gateway takes it, but its event is over 6 MB', async () => {
    const json = JSON.stringify({ iin: '000000000000' });
    const response = await fetch(`${runtime.url}/api/auth/parent/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json + ' '.repeat(10_485_760 - json.length) });
    expect(response.status).toBe(413);
    expect(Number(response.headers.get('x-kezek-lambda-event-bytes'))).toBeGreaterThan(10_485_760);
  });

  it("should pass an event of exactly Lambda's 6,291,456 bytes to the function and refuse one byte more", async () => {
    // Prepare: the event around a body of spaces (JSON that escapes nothing) is measured once, then the body sized to fill the limit
    const json = JSON.stringify({ iin: '000000000000' });
    const send = (spaces: number) => fetch(`${runtime.url}/api/auth/parent/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json + ' '.repeat(spaces) });
    const probe = await send(6_000_000);
    const spaces = 6_000_000 + (6_291_456 - Number(probe.headers.get('x-kezek-lambda-event-bytes')));
    // Act
    const exactly = await send(spaces);
    const over = await send(spaces + 1);
    // Assess: the function answered the first (a one-time code asked for an IIN nobody has), Lambda refused the second
    expect(probe.status).toBeLessThan(500);
    expect(Number(exactly.headers.get('x-kezek-lambda-event-bytes'))).toBe(6_291_456);
    expect(exactly.status).not.toBe(413);
    expect(exactly.status).toBeLessThan(500);
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it("should answer 500 as API Gateway does when a function's answer is over Lambda's limit", async () => {
    // Prepare: the limit lowered to 1,000 bytes; the OpenAPI document is far longer
    const server = await startLocalServer({ port: 0, webRoot: resolve(repositoryRoot, 'web', 'dist'), log: () => undefined, limits: { lambdaResponseBytes: 1_000 } });
    try {
      // Act
      const tooLong = await fetch(`${server.url}/api/openapi.json`);
      const short = await fetch(`${server.url}/api/health`);
      // Assess
      expect(tooLong.status).toBe(500);
      expect(await tooLong.json()).toEqual({ message: 'Internal Server Error' });
      expect(short.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('should answer 504 when the integration does not answer within the integration timeout', async () => {
    // Prepare: a 100 ms integration timeout, a function allowed a minute, DynamoDB 300 ms slow
    const server = await serverWith({ integrationTimeoutMs: 100, functionTimeoutMs: 60_000 });
    try {
      // Act
      const response = await withSlowDynamo(300, () => fetch(`${server.url}/api/public/campaign?tenantId=temirtau`));
      // Assess
      expect(response.status).toBe(504);
      expect(await response.json()).toEqual({ message: 'Gateway Timeout' });
    } finally {
      await server.close();
    }
  });

  it('should answer 500 when the function runs into its own timeout (middy gives up just before Lambda would)', async () => {
    const server = await serverWith({ functionTimeoutMs: 100 });
    try {
      const response = await withSlowDynamo(300, () => fetch(`${server.url}/api/public/campaign?tenantId=temirtau`, { headers: { 'accept-language': 'en' } }));
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again later.' } });
    } finally {
      await server.close();
    }
  });

  it('should answer a request within the limits as usual', async () => {
    const server = await serverWith({ integrationTimeoutMs: 30_000 });
    try {
      expect((await fetch(`${server.url}/api/public/campaign?tenantId=temirtau`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
