import { AsyncLocalStorage } from 'node:async_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../tracer.ts';

/** DynamoDB requests by command name (bounded: one counter per command type). */
export class DynamoRequestCounter {
  private readonly counts = new Map<string, number>();

  record(command: string): void {
    this.counts.set(command, (this.counts.get(command) ?? 0) + 1);
  }

  get total(): number {
    return [...this.counts.values()].reduce((sum, n) => sum + n, 0);
  }

  byCommand(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
  }
}

const operationScope = new AsyncLocalStorage<DynamoRequestCounter>();

/**
 * Runs `operation` and counts the DynamoDB requests made on its behalf only (across awaits),
 * whatever else the process does meanwhile (e.g. the local scheduler's jobs).
 */
export async function countDynamoRequests<T>(operation: () => Promise<T>): Promise<{ result: T; requests: DynamoRequestCounter }> {
  const requests = new DynamoRequestCounter();
  const result = await operationScope.run(requests, operation);
  return { result, requests };
}

/**
 * One document client per process. `DYNAMODB_ENDPOINT` points it at DynamoDB Local; in AWS it
 * is unset and the SDK uses the regional endpoint.
 */
function createDocumentClient(): DynamoDBDocumentClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  // More attempts than the SDK's default 3: throttling at a campaign's start or a busy DynamoDB
  // Local must slow a job down, not fail it (the SDK backs off between attempts).
  const client = traced(new DynamoDBClient({ maxAttempts: 8, ...(endpoint && { endpoint }) }));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      operationScope.getStore()?.record(command);
      return next(args);
    },
    { step: 'initialize', name: 'kezekRequestCounter' },
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

let documentClient: DynamoDBDocumentClient | undefined;

export function dynamoDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= createDocumentClient();
  return documentClient;
}

/** For a process that runs several local runtimes one after another (tests): forget the old endpoint. */
export function resetDynamoDocumentClient(): void {
  documentClient?.destroy();
  documentClient = undefined;
}
