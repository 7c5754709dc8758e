import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { staffAccountId } from '#domain/accounts';
import { totpCodeAt, totpPeriodSeconds, totpStep, totpUri } from '#use-cases/second-factor';

/**
 * The demo's authenticator without a phone (local runtime only): a staff account's stored RFC
 * 6238 secret, its otpauth URI and the code of this moment, read from the local tables. Used by
 * `npm start` to print the demo login and by `npm run staff-code -- <login>`.
 */
export interface StaffCodeNow {
  readonly login: string;
  readonly secret: string;
  readonly uri: string;
  /** A code the login accepts now: the current step's, or the next step's when the current one was used already. */
  readonly code: string;
  /** Seconds this code stays good (the API takes a code one step either side of now). */
  readonly secondsLeft: number;
}

export async function staffCodeNow(client: DynamoDBDocumentClient, accountsTable: string, login: string, now: Date): Promise<StaffCodeNow | undefined> {
  const { Item } = await client.send(new GetCommand({ TableName: accountsTable, Key: { accountId: staffAccountId(login) }, ConsistentRead: true }));
  if (Item?.kind !== 'staff' || typeof Item.totpSecret !== 'string') return undefined;
  const secret = Item.totpSecret;
  const current = totpStep(now);
  // A code is good once (its step must be above the last accepted one): after a login or the
  // enrolment in this step, the next step's code is the one that works, as a phone shows it soon.
  const lastStep = typeof Item.totpLastStep === 'number' ? Item.totpLastStep : -1;
  const step = Math.max(current, lastStep + 1);
  return {
    login: Item.login as string,
    secret,
    uri: totpUri(secret, Item.login as string),
    code: totpCodeAt(secret, step),
    secondsLeft: (step + 2) * totpPeriodSeconds - Math.floor(now.getTime() / 1000),
  };
}

/** The key in groups of four, as an authenticator app takes it typed. */
export const groupedSecret = (secret: string) => secret.match(/.{1,4}/g)!.join(' ');
