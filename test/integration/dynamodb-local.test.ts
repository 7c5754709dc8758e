import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type RunningDynamoDbLocal } from '../../local/dynamodb-local.ts';

/** An IPv4 address of this machine other than loopback, if it has one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

/** 'connected' or the connection error's code (e.g. ECONNREFUSED). */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

let dynamo: RunningDynamoDbLocal;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ data: 'memory' });
});

afterAll(async () => {
  await dynamo?.stop();
});

describe('DynamoDB Local', () => {
  it('should answer on loopback', async () => {
    const port = Number(new URL(dynamo.endpoint).port);
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
  });

  it.skipIf(!outsideAddress)("should not be reachable on this machine's other addresses", async () => {
    // Act: the same port on the machine's network address
    const port = Number(new URL(dynamo.endpoint).port);
    const outcome = await tryConnect(outsideAddress!, port);
    // Assess
    expect(outcome).toBe('ECONNREFUSED');
  });
});
