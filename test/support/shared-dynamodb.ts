import { randomBytes } from 'node:crypto';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';

/** Where the suite's shared DynamoDB Local listens (set by the global setup for the test processes it forks). */
const endpointVariable = 'KEZEK_TEST_DYNAMODB_ENDPOINT';

/**
 * Vitest global setup: one in-memory DynamoDB Local for the whole run. Starting a JVM per test
 * file cost seconds of CPU each and every file ran on a cold engine; now each runtime gets its
 * own tables (a random prefix) on one warm engine and drops them when it stops.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dynamo = await startDynamoDbLocal({ data: 'memory' });
  process.env[endpointVariable] = dynamo.endpoint;
  return () => dynamo.stop();
}

/** The shared engine with a fresh table prefix, when the suite has one (not in `npm run bench`). */
export function sharedDynamo(): { endpoint: string; tablePrefix: string } | undefined {
  const endpoint = process.env[endpointVariable];
  return endpoint ? { endpoint, tablePrefix: `t${randomBytes(5).toString('hex')}` } : undefined;
}
