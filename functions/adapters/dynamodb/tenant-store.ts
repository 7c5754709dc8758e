import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Tenant } from '#domain/application';
import { ConcurrentChangeError, NotFoundError } from '#domain/errors';
import type { DepartmentSettings, TenantSettingsFields } from '#domain/settings';
import type { TenantStore } from '#ports/stores';
import { runTransaction } from './transactions.ts';

/**
 * Every saved version of a department's settings, kept as its own item of the tenants table
 * (`settings#<tenant>#<version>`; tenant ids have no `#`), so the history of the policy can be
 * read back by key; the tenant item carries the current version.
 */
export const settingsVersionKey = (tenantId: string, version: number) => `settings#${tenantId}#${String(version).padStart(6, '0')}`;

export class DynamoTenantStore implements TenantStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(tenantId: string): Promise<(Tenant & TenantSettingsFields) | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { tenantId } }));
    // Host items (`host#…`, see department-store.ts) share the table; they are not departments.
    if (!Item || 'siteOf' in Item) return undefined;
    const { demoSeed: _marker, ...tenant } = Item;
    return tenant as Tenant & TenantSettingsFields;
  }

  async saveSettings(tenantId: string, settings: DepartmentSettings): Promise<void> {
    const previous = settings.version - 1;
    // A department never edited has no version yet: the first save is conditional on there being none.
    const onVersion = previous === 0 ? 'attribute_not_exists(settingsVersion)' : 'settingsVersion = :previous';
    const update = {
      Update: {
        TableName: this.tableName,
        Key: { tenantId },
        UpdateExpression:
          'SET #policy = :policy, surveyVersion = :survey, contacts = :contacts, #languages = :languages, settingsVersion = :version, settingsUpdatedAt = :at, settingsUpdatedBy = :by',
        ConditionExpression: `attribute_exists(tenantId) AND attribute_not_exists(siteOf) AND ${onVersion}`,
        ExpressionAttributeNames: { '#policy': 'policy', '#languages': 'languages' },
        ExpressionAttributeValues: {
          ':policy': settings.policy,
          ':survey': settings.surveyVersion,
          ':contacts': settings.contacts,
          ':languages': settings.languages,
          ':version': settings.version,
          ':at': settings.updatedAt,
          ':by': settings.updatedBy,
          ...(previous !== 0 && { ':previous': previous }),
        },
      },
    };
    const copy = {
      Put: {
        TableName: this.tableName,
        Item: { tenantId: settingsVersionKey(tenantId, settings.version), settingsOf: tenantId, ...settings },
        ConditionExpression: 'attribute_not_exists(tenantId)',
      },
    };
    try {
      await runTransaction(
        () => this.client.send(new TransactWriteCommand({ TransactItems: [update, copy] })),
        () => {
          throw new SettingsNotSaved();
        },
      );
    } catch (error) {
      if (!(error instanceof SettingsNotSaved)) throw error;
      // The department is gone (or never was), or another save moved the version on.
      if (!(await this.get(tenantId))) throw new NotFoundError(tenantId);
      throw new ConcurrentChangeError(`settings of ${tenantId} are past version ${previous}`);
    }
  }
}

class SettingsNotSaved extends Error {}
