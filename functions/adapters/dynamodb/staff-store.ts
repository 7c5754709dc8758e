import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { staffAccountId } from '#domain/accounts';
import { StaffLoginTakenError } from '#domain/errors';
import { activeAdminDelta, type StaffStanding } from '#domain/staff';
import type { Invitation, InvitedStaff, StaffEvent } from '#ports/departments';
import type { StaffChangeRefusal, StaffMember, StaffStore } from '#ports/staff';
import { indexNamed, tables, type TableKey } from '#functions/tables';
import { runTransaction } from './transactions.ts';

/** The department's count of active administrators: an item of the accounts table that is no account. */
export const adminCountKey = (tenantId: string) => ({ accountId: `admins#${tenantId}` });
const invitationKey = (tokenHash: string) => `invite#${tokenHash}`;
const epochSeconds = (iso: string) => Math.ceil(Date.parse(iso) / 1000);
const staffIndex = indexNamed('accounts', 'staffByTenant').indexName;

function memberOf(item: Record<string, unknown>): StaffMember {
  return {
    login: item.login as string,
    tenantId: item.tenantId as string,
    displayName: item.displayName as string,
    role: item.role as StaffMember['role'],
    status: (item.status as StaffMember['status'] | undefined) ?? 'active',
    hasPassword: typeof item.passwordHash === 'string',
    version: (item.version as number | undefined) ?? 0,
  };
}

/** Written only over the version the change was decided on (an account never changed has none). */
function atVersion(member: StaffMember): { condition: string; values: Record<string, unknown> } {
  return {
    condition: `kind = :staff AND tenantId = :tenant AND ${member.version === 0 ? '(attribute_not_exists(version) OR version = :version)' : 'version = :version'}`,
    values: { ':staff': 'staff', ':tenant': member.tenantId, ':version': member.version },
  };
}

class Refused extends Error {
  constructor(readonly refusal: StaffChangeRefusal) {
    super(refusal);
  }
}

export class DynamoStaffStore implements StaffStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: (key: Extract<TableKey, 'accounts' | 'auth'>) => string,
  ) {}

  async list(tenantId: string): Promise<StaffMember[]> {
    const members: StaffMember[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName('accounts'),
          IndexName: staffIndex,
          KeyConditionExpression: 'tenantId = :tenant',
          ExpressionAttributeValues: { ':tenant': tenantId },
          ExclusiveStartKey: startKey,
        }),
      );
      members.push(...(page.Items ?? []).filter((item) => item.kind === 'staff').map(memberOf));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return members;
  }

  async get(tenantId: string, login: string): Promise<StaffMember | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName('accounts'), Key: { accountId: staffAccountId(login) }, ConsistentRead: true }));
    return Item?.kind === 'staff' && Item.tenantId === tenantId ? memberOf(Item) : undefined;
  }

  async add(member: InvitedStaff, invitation: Invitation, event: StaffEvent): Promise<void> {
    if (member.role === 'admin') await this.ensureAdminCount(member.tenantId);
    const items = [
      {
        Put: {
          TableName: this.tableName('accounts'),
          Item: { accountId: staffAccountId(member.login), kind: 'staff', ...member, status: 'active', version: 0, history: [event] },
          ConditionExpression: 'attribute_not_exists(accountId)',
        },
      },
      this.invitationPut(invitation),
      ...(member.role === 'admin' ? [this.adminCountUpdate(member.tenantId, 1)] : []),
    ];
    await runTransaction(
      () => this.client.send(new TransactWriteCommand({ TransactItems: items })),
      (failed) => {
        if (failed[0] === 0) throw new StaffLoginTakenError();
        throw new Error('staff account not added: invitation or admin count refused');
      },
    );
  }

  async change(member: StaffMember, after: StaffStanding, events: readonly StaffEvent[]): Promise<StaffChangeRefusal | undefined> {
    const delta = activeAdminDelta(member, after);
    if (delta !== 0) await this.ensureAdminCount(member.tenantId);
    const { condition, values } = atVersion(member);
    const disabling = member.status === 'active' && after.status === 'disabled';
    const update = {
      Update: {
        TableName: this.tableName('accounts'),
        Key: { accountId: staffAccountId(member.login) },
        UpdateExpression:
          'SET #role = :role, #status = :status, version = :next, history = list_append(if_not_exists(history, :none), :events)' +
          // A new generation: every session opened before (they carry the old one) ends at its next request.
          (disabling ? ', sessionGeneration = if_not_exists(sessionGeneration, :zero) + :one' : ''),
        ConditionExpression: condition,
        ExpressionAttributeNames: { '#role': 'role', '#status': 'status' },
        ExpressionAttributeValues: {
          ...values,
          ':role': after.role,
          ':status': after.status,
          ':next': member.version + 1,
          ':none': [],
          ':events': [...events],
          ...(disabling && { ':zero': 0, ':one': 1 }),
        },
      },
    };
    return delta === 0 ? this.transact([update]) : this.transact([update, this.adminCountUpdate(member.tenantId, delta)], 1);
  }

  async addInvitation(member: StaffMember, invitation: Invitation, event: StaffEvent, options: { readonly clearSecondFactor?: boolean } = {}): Promise<StaffChangeRefusal | undefined> {
    const { condition, values } = atVersion(member);
    const clear = options.clearSecondFactor === true;
    return this.transact([
      this.invitationPut(invitation),
      {
        Update: {
          TableName: this.tableName('accounts'),
          Key: { accountId: staffAccountId(member.login) },
          UpdateExpression:
            'SET version = :next, history = list_append(if_not_exists(history, :none), :events)' +
            // A lost or stolen phone: the factor goes and so do the sessions opened with it.
            (clear ? ', sessionGeneration = if_not_exists(sessionGeneration, :zero) + :one REMOVE totpSecret, totpLastStep, recoveryCodes' : ''),
          ConditionExpression: condition,
          ExpressionAttributeValues: { ...values, ':next': member.version + 1, ':none': [], ':events': [event], ...(clear && { ':zero': 0, ':one': 1 }) },
        },
      },
    ]);
  }

  /** Sends the items; a failed admin count (at `countIndex`) alone means the change would leave no active administrator. */
  private async transact(items: Record<string, unknown>[], countIndex?: number): Promise<StaffChangeRefusal | undefined> {
    try {
      await runTransaction(
        () => this.client.send(new TransactWriteCommand({ TransactItems: items as never })),
        (failed) => {
          throw new Refused(failed.length === 1 && failed[0] === countIndex ? 'last_admin' : 'changed_meanwhile');
        },
      );
      return undefined;
    } catch (error) {
      if (error instanceof Refused) return error.refusal;
      throw error;
    }
  }

  private invitationPut(invitation: Invitation) {
    return {
      Put: {
        TableName: this.tableName('auth'),
        Item: { authId: invitationKey(invitation.tokenHash), ...invitation, expiresAtEpoch: epochSeconds(invitation.expiresAt) },
        ConditionExpression: 'attribute_not_exists(authId)',
      },
    };
  }

  /** Moves the count; taking one away only while another active administrator remains. */
  private adminCountUpdate(tenantId: string, delta: -1 | 1) {
    return {
      Update: {
        TableName: this.tableName('accounts'),
        Key: adminCountKey(tenantId),
        UpdateExpression: 'ADD activeAdmins :delta',
        ConditionExpression: delta < 0 ? 'activeAdmins > :one' : 'attribute_exists(activeAdmins)',
        ExpressionAttributeValues: { ':delta': delta, ...(delta < 0 && { ':one': 1 }) },
      },
    };
  }

  /**
   * The count exists from a department's onboarding on; for a department onboarded before it did,
   * it is counted once from the staff list and written only if still absent.
   */
  private async ensureAdminCount(tenantId: string): Promise<void> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName('accounts'), Key: adminCountKey(tenantId), ConsistentRead: true }));
    if (Item) return;
    const activeAdmins = (await this.list(tenantId)).filter((m) => m.role === 'admin' && m.status === 'active').length;
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName('accounts'), Item: { ...adminCountKey(tenantId), activeAdmins }, ConditionExpression: 'attribute_not_exists(accountId)' }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
