import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parentAccountId, staffAccountId } from '#domain/accounts';
import { getAll } from './batch-get.ts';
import { putAll } from './batch-write.ts';
import type { Language } from '#domain/language';
import type { AccountStore, EmailChange, ParentAccount, StaffAccount } from '#ports/stores';
import { PhoneChangedMeanwhileError } from '#domain/errors';
import type { DynamoWriteIntent, TransactItem } from './unit-of-work.ts';


export class DynamoAccountStore implements AccountStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  phoneChange(iin: string, from: { readonly phone: string; readonly version: number }, to: string): DynamoWriteIntent {
    const item: TransactItem = {
      Update: {
        TableName: this.tableName,
        Key: { accountId: parentAccountId(iin) },
        UpdateExpression: 'SET #phone = :to, #phoneVersion = :next',
        // Exactly the phone the staff member replaced: of two changes racing, one wins.
        ConditionExpression: `#kind = :parent AND #phone = :from AND ${from.version === 0 ? 'attribute_not_exists(#phoneVersion)' : '#phoneVersion = :version'}`,
        ExpressionAttributeNames: { '#kind': 'kind', '#phone': 'phone', '#phoneVersion': 'phoneVersion' },
        ExpressionAttributeValues: { ':parent': 'parent', ':from': from.phone, ':to': to, ':next': from.version + 1, ...(from.version !== 0 && { ':version': from.version }) },
      },
    };
    return { store: 'accounts', items: () => [item], refusal: { rank: 1, error: () => new PhoneChangedMeanwhileError('the phone changed meanwhile') } };
  }

  async getParent(iin: string): Promise<ParentAccount | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { accountId: parentAccountId(iin) } }));
    return Item?.kind === 'parent' ? (Item as ParentAccount) : undefined;
  }

  async ensureParent(account: ParentAccount): Promise<ParentAccount> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { accountId: parentAccountId(account.iin), ...account },
          ConditionExpression: 'attribute_not_exists(accountId)',
        }),
      );
      return account;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // There is one already: the caller compares it with what it was given (consistent, so a
    // phone changed a moment ago is the one compared).
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { accountId: parentAccountId(account.iin) }, ConsistentRead: true }));
    const { accountId: _id, ...stored } = Item ?? {};
    return stored as unknown as ParentAccount;
  }

  async getParents(iins: readonly string[]): Promise<ParentAccount[]> {
    const unique = [...new Set(iins)];
    const found = await getAll(this.client, this.tableName, unique.map((iin) => ({ accountId: parentAccountId(iin) })));
    return found.filter((item) => item.kind === 'parent') as unknown as ParentAccount[];
  }

  async ensureParents(accounts: readonly ParentAccount[]): Promise<number> {
    const unique = [...new Map(accounts.map((a) => [a.iin, a])).values()];
    const existing = new Set(
      (await getAll(this.client, this.tableName, unique.map((a) => ({ accountId: parentAccountId(a.iin) })), ['accountId'])).map((item) => item.accountId),
    );
    const missing = unique.filter((a) => !existing.has(parentAccountId(a.iin)));
    await putAll(this.client, this.tableName, missing.map((account) => ({ accountId: parentAccountId(account.iin), ...account })));
    return missing.length;
  }

  saveParentContacts(iin: string, contacts: { readonly language: Language; readonly secondPhone?: string; readonly email?: EmailChange }): Promise<boolean> {
    const set = ['#language = :language'];
    const remove: string[] = [];
    const values: Record<string, unknown> = { ':parent': 'parent', ':language': contacts.language };
    if (contacts.secondPhone === undefined) remove.push('secondPhone');
    else {
      set.push('secondPhone = :second');
      values[':second'] = contacts.secondPhone;
    }
    const email = contacts.email ?? { kind: 'keep' };
    if (email.kind === 'remove') remove.push('email', 'emailVerifiedAt', 'emailTokenHash', 'emailTokenExpiresAt');
    if (email.kind === 'set') {
      // A new address (or a new link for the same one) is unverified until its newest token is used.
      set.push('email = :email', 'emailTokenHash = :tokenHash', 'emailTokenExpiresAt = :tokenExpiresAt');
      remove.push('emailVerifiedAt');
      Object.assign(values, { ':email': email.address, ':tokenHash': email.tokenHash, ':tokenExpiresAt': email.expiresAt });
    }
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { accountId: parentAccountId(iin) },
        UpdateExpression: `SET ${set.join(', ')}${remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression: 'kind = :parent',
        ExpressionAttributeNames: { '#language': 'language' },
        ExpressionAttributeValues: values,
      }),
    );
  }

  verifyParentEmail(iin: string, tokenHash: string, at: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { accountId: parentAccountId(iin) },
        // The token is used up in the same write: a second use, a replaced or an expired token fails the condition.
        UpdateExpression: 'SET emailVerifiedAt = :at REMOVE emailTokenHash, emailTokenExpiresAt',
        ConditionExpression: 'kind = :parent AND attribute_exists(email) AND emailTokenHash = :hash AND emailTokenExpiresAt > :at',
        ExpressionAttributeValues: { ':parent': 'parent', ':hash': tokenHash, ':at': at },
      }),
    );
  }

  async getStaff(login: string): Promise<StaffAccount | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { accountId: staffAccountId(login) } }));
    if (Item?.kind !== 'staff') return undefined;
    // The recovery codes are a string set, which the document client reads as a Set.
    const { recoveryCodes, ...account } = Item;
    return { ...(account as StaffAccount), recoveryCodeHashes: recoveryCodes instanceof Set ? [...(recoveryCodes as Set<string>)] : [] };
  }

  async acceptTotpStep(login: string, secret: string, step: number): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { accountId: staffAccountId(login) },
        UpdateExpression: 'SET totpLastStep = :step',
        // RFC 6238 §5.2: a step at or below the last accepted one is a replay; two logins with one code race here and one loses.
        ConditionExpression: 'kind = :staff AND totpSecret = :secret AND (attribute_not_exists(totpLastStep) OR totpLastStep < :step)',
        ExpressionAttributeValues: { ':staff': 'staff', ':secret': secret, ':step': step },
      }),
    );
  }

  async spendRecoveryCode(login: string, codeHash: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { accountId: staffAccountId(login) },
        // Removing the last member removes the attribute; `contains` makes the second use of a code fail.
        UpdateExpression: 'DELETE recoveryCodes :spent',
        ConditionExpression: 'kind = :staff AND contains(recoveryCodes, :code)',
        ExpressionAttributeValues: { ':staff': 'staff', ':spent': new Set([codeHash]), ':code': codeHash },
      }),
    );
  }

  private async conditional(command: UpdateCommand): Promise<boolean> {
    try {
      await this.client.send(command);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async replaceStaffPasswordHash(login: string, expected: string, replacement: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { accountId: staffAccountId(login) },
          UpdateExpression: 'SET passwordHash = :replacement',
          // Over the hash that was checked only: a password changed meanwhile is never overwritten.
          ConditionExpression: 'kind = :staff AND passwordHash = :expected',
          ExpressionAttributeValues: { ':staff': 'staff', ':expected': expected, ':replacement': replacement },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
