import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { LocalDeliveryQueue } from '#adapters/local/local-delivery-queue';
import { LocalFileStore } from '#adapters/local/local-file-store';
import { LocalNotifier } from '#adapters/local/local-notifier';
import { parseDeliveryMessage } from '#ports/delivery-queue';
import { LocalClock } from '../../local/clock.ts';
import { deliveryQueueContract } from '../contracts/delivery-queue.ts';
import { fileStoreContract } from '../contracts/files.ts';
import { notifierContract } from '../contracts/notifier.ts';

/** The port contracts of the file store, the delivery queue and the notifier (test/contracts) run on their local adapters. */
const clock = new LocalClock();
const files = new LocalFileStore(mkdtempSync(join(tmpdir(), 'kezek-files-contract-')), clock.now);
let server: Server;
let origin = '';
let keys = 0;

beforeAll(async () => {
  // As the local server does: `/local-files/…` answered by the store.
  server = createServer((request, response) => files.serve(new URL(request.url ?? '/', 'http://localhost'), response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

fileStoreContract('LocalFileStore', () => files, () => ({
  key: () => `exports/contract/${++keys}.csv`,
  download: (url) => fetch(new URL(url, origin)),
  elapse: (seconds) => clock.advance(seconds * 1000),
}));

const queue = new LocalDeliveryQueue(clock.now, { visibilityTimeoutSeconds: 180, maxReceives: 5 });
deliveryQueueContract('LocalDeliveryQueue', () => queue, () => ({
  receive: async () => (await queue.receive()).map((received) => ({ message: parseDeliveryMessage(received.body), receiptHandle: received.receiptHandle })),
  elapse: (seconds) => clock.advance(seconds * 1000),
  applicationId: () => `app-contract-${++keys}`,
}));

notifierContract('LocalNotifier', () => new LocalNotifier(() => undefined, clock.now));
