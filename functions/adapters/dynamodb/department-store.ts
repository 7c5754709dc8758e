import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { staffAccountId } from '#domain/accounts';
import type { Tenant } from '#domain/application';
import type { DepartmentTenant } from '#domain/department';
import { DepartmentExistsError, SiteHostTakenError, StaffLoginTakenError } from '#domain/errors';
import type { DepartmentStore, Invitation, InvitedStaff, StaffCredentials, StaffEvent } from '#ports/departments';
import type { TableKey } from '#functions/tables';
import { runTransaction } from './transactions.ts';
import { adminCountKey } from './staff-store.ts';

/**
 * A site host maps to its department by an item of the tenants table keyed `host#<name>`
 * (tenant ids cannot contain `#`): a lookup is a read by key, never a scan, and a host can
 * belong to one department only, because its item is written on condition that it is new.
 */
export const hostItemKey = (host: string) => `host#${host}`;
const invitationKey = (tokenHash: string) => `invite#${tokenHash}`;
const epochSeconds = (iso: string) => Math.ceil(Date.parse(iso) / 1000);

export class DynamoDepartmentStore implements DepartmentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: (key: Extract<TableKey, 'tenants' | 'accounts' | 'auth'>) => string,
  ) {}

  async create(tenant: DepartmentTenant, admin: InvitedStaff, invitation: Invitation, event: StaffEvent): Promise<void> {
    const isNew = (key: string) => ({ ConditionExpression: `attribute_not_exists(${key})` });
    const items = [
      { Put: { TableName: this.tableName('tenants'), Item: { ...tenant }, ...isNew('tenantId') } },
      ...tenant.hosts.map((host) => ({
        Put: { TableName: this.tableName('tenants'), Item: { tenantId: hostItemKey(host), siteOf: tenant.tenantId }, ...isNew('tenantId') },
      })),
      {
        Put: {
          TableName: this.tableName('accounts'),
          Item: { accountId: staffAccountId(admin.login), kind: 'staff', ...admin, history: [event] },
          ...isNew('accountId'),
        },
      },
      {
        Put: {
          TableName: this.tableName('auth'),
          Item: { authId: invitationKey(invitation.tokenHash), ...invitation, expiresAtEpoch: epochSeconds(invitation.expiresAt) },
          ...isNew('authId'),
        },
      },
      // The count of active administrators that keeps the last one from being disabled or demoted (staff-store.ts).
      { Put: { TableName: this.tableName('accounts'), Item: { ...adminCountKey(tenant.tenantId), activeAdmins: admin.role === 'admin' ? 1 : 0 }, ...isNew('accountId') } },
    ];
    await runTransaction(
      () => this.client.send(new TransactWriteCommand({ TransactItems: items })),
      (failed) => {
        const first = failed[0]!;
        if (first === 0) throw new DepartmentExistsError();
        if (first <= tenant.hosts.length) throw new SiteHostTakenError(tenant.hosts[first - 1]!);
        if (first === tenant.hosts.length + 1) throw new StaffLoginTakenError();
        // A 256-bit token that exists already: not a thing that happens, and nothing was written.
        throw new Error('invitation token collision');
      },
    );
  }

  async byHost(host: string): Promise<Tenant | DepartmentTenant | undefined> {
    const { Item: hostItem } = await this.client.send(new GetCommand({ TableName: this.tableName('tenants'), Key: { tenantId: hostItemKey(host) } }));
    const tenantId = hostItem?.siteOf as string | undefined;
    if (!tenantId) return undefined;
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName('tenants'), Key: { tenantId } }));
    if (!Item) return undefined;
    const { demoSeed: _marker, ...tenant } = Item;
    return tenant as DepartmentTenant;
  }

  async getInvitation(tokenHash: string): Promise<Invitation | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName('auth'), Key: { authId: invitationKey(tokenHash) }, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { authId: _key, expiresAtEpoch: _ttl, ...invitation } = Item;
    return invitation as Invitation;
  }

  async offerTotpSecret(invitation: Invitation, secret: string, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName('auth'),
          Key: { authId: invitationKey(invitation.tokenHash) },
          UpdateExpression: 'SET totpSecret = :secret',
          // One secret per link: a second request (a reloaded page) gets the first one back.
          ConditionExpression: 'attribute_exists(authId) AND expiresAt > :now AND attribute_not_exists(totpSecret)',
          ExpressionAttributeValues: { ':secret': secret, ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async redeemInvitation(invitation: Invitation, credentials: StaffCredentials, now: Date, event: StaffEvent): Promise<boolean> {
    try {
      await runTransaction(
        () =>
          this.client.send(
            new TransactWriteCommand({
              TransactItems: [
                {
                  Delete: {
                    TableName: this.tableName('auth'),
                    Key: { authId: invitationKey(invitation.tokenHash) },
                    // Used once: a second redemption finds it gone; an expired one stays refused even before TTL removes it.
                    ConditionExpression: 'attribute_exists(authId) AND expiresAt > :now AND totpSecret = :secret',
                    ExpressionAttributeValues: { ':now': now.toISOString(), ':secret': credentials.totpSecret },
                  },
                },
                {
                  Update: {
                    TableName: this.tableName('accounts'),
                    Key: { accountId: staffAccountId(invitation.login) },
                    UpdateExpression:
                      'SET passwordHash = :hash, totpSecret = :secret, totpLastStep = :step, recoveryCodes = :codes, history = list_append(if_not_exists(history, :none), :event)',
                    ConditionExpression: 'attribute_exists(accountId) AND tenantId = :tenant',
                    ExpressionAttributeValues: {
                      ':hash': credentials.passwordHash,
                      ':secret': credentials.totpSecret,
                      ':step': credentials.totpStep,
                      // A string set: a used code is taken out with DELETE (account-store.ts).
                      ':codes': new Set(credentials.recoveryCodeHashes),
                      ':none': [],
                      ':event': [event],
                      ':tenant': invitation.tenantId,
                    },
                  },
                },
              ],
            }),
          ),
        () => {
          throw new InvitationNotRedeemed();
        },
      );
      return true;
    } catch (error) {
      if (error instanceof InvitationNotRedeemed) return false;
      throw error;
    }
  }
}

class InvitationNotRedeemed extends Error {}
