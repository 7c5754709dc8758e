import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuthStore, LoginCode, Session } from '#ports/stores';
import { ConcurrentChangeError } from '#domain/errors';
import type { DynamoWriteIntent, TransactItem } from './unit-of-work.ts';

/** The key of a parent's pending login code (one per IIN). */
export const codeKey = (iin: string) => ({ authId: `otp#${iin}` });
const sessionKey = (sessionId: string) => ({ authId: `session#${sessionId}` });
const limitKey = (key: string) => ({ authId: `limit#${key}` });
/** DynamoDB TTL wants epoch seconds; it deletes lazily, so reads still check `expiresAt`. */
const epochSeconds = (iso: string) => Math.ceil(Date.parse(iso) / 1000);

async function unlessConditionFails(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export class DynamoAuthStore implements AuthStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  loginCodeRemoval(iin: string): DynamoWriteIntent {
    const item: TransactItem = { Delete: { TableName: this.tableName, Key: codeKey(iin) } };
    // No condition: a code that is not there is removed already, so this part never refuses.
    return { store: 'auth', items: () => [item], refusal: { rank: 9, error: () => new ConcurrentChangeError(`login code of a parent`) } };
  }

  async saveLoginCode(code: LoginCode): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...codeKey(code.iin), ...code, expiresAtEpoch: epochSeconds(code.expiresAt) },
      }),
    );
  }

  async takeLoginCodeAttempt(iin: string, maxAttempts: number, now: string): Promise<LoginCode | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: codeKey(iin),
          UpdateExpression: 'SET attempts = attempts + :one',
          // A try is counted before the code is compared, and only while one is left: of any number of
          // simultaneous guesses at most `maxAttempts` are ever compared.
          ConditionExpression: 'attribute_exists(authId) AND attempts < :max AND expiresAt > :now',
          ExpressionAttributeValues: { ':one': 1, ':max': maxAttempts, ':now': now },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const { authId: _key, expiresAtEpoch: _ttl, ...code } = Attributes!;
      return code as LoginCode;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  consumeLoginCode(iin: string, codeHash: string): Promise<boolean> {
    return unlessConditionFails(() =>
      this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: codeKey(iin),
          ConditionExpression: 'codeHash = :hash',
          ExpressionAttributeValues: { ':hash': codeHash },
        }),
      ),
    );
  }

  async createSession(session: Session): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...sessionKey(session.sessionId), ...session, expiresAtEpoch: epochSeconds(session.expiresAt) },
        // A 256-bit token never repeats; the condition makes sure a bug could not overwrite a session.
        ConditionExpression: 'attribute_not_exists(authId)',
      }),
    );
  }

  async getSession(sessionId: string): Promise<Session | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: sessionKey(sessionId) }));
    if (!Item) return undefined;
    const { authId: _key, expiresAtEpoch: _ttl, ...session } = Item;
    return session as Session;
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: sessionKey(sessionId) }));
  }

  hit(key: string, max: number, expiresAtEpoch: number): Promise<boolean> {
    return unlessConditionFails(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: limitKey(key),
          // Counted only below the maximum: a full window stays full, it never grows.
          UpdateExpression: 'ADD hits :one SET expiresAtEpoch = :expires',
          ConditionExpression: 'attribute_not_exists(hits) OR hits < :max',
          ExpressionAttributeValues: { ':one': 1, ':max': max, ':expires': expiresAtEpoch },
        }),
      ),
    );
  }

  async hitLog(key: string): Promise<{ hits: number[]; version: number }> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: limitKey(key), ConsistentRead: true }));
    return { hits: (Item?.hits as number[] | undefined) ?? [], version: (Item?.version as number | undefined) ?? 0 };
  }

  saveHitLog(key: string, hits: readonly number[], version: number, expiresAtEpoch: number): Promise<boolean> {
    return unlessConditionFails(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...limitKey(key), hits: [...hits], version: version + 1, expiresAtEpoch },
          // Written only over the log that was read: two requests at once cannot both take the last place.
          ConditionExpression: version === 0 ? 'attribute_not_exists(authId)' : 'version = :version',
          ...(version !== 0 && { ExpressionAttributeValues: { ':version': version } }),
        }),
      ),
    );
  }
}
