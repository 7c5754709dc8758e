import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/dynamodb/client';
import { staffAccountId } from '#domain/accounts';
import { hashPassword } from '#use-cases/passwords';
import { newTotpSecret } from '#use-cases/second-factor';
import type { LocalRuntime } from '../../local/runtime.ts';

/**
 * A second education department with one staff member, written straight into the runtime's
 * tables (as an operator would set a tenant up): for tests that one tenant's staff never reach
 * another's data.
 */
export async function addOtherTenant(runtime: LocalRuntime, tenantId = 'balkhash'): Promise<{ tenantId: string; login: string; password: string }> {
  const login = `staff@${tenantId}.kezek.kz`;
  const password = `${tenantId}-test-password`;
  const client = dynamoDocumentClient();
  await client.send(
    new PutCommand({
      TableName: runtime.tableNames.tenants,
      Item: { tenantId, name: { kk: 'Балқаш', ru: 'Балхаш', en: 'Balkhash' }, districts: [{ id: 'centre', name: { kk: 'Орталық', ru: 'Центр', en: 'Centre' } }] },
    }),
  );
  await client.send(
    new PutCommand({
      TableName: runtime.tableNames.accounts,
      Item: { accountId: staffAccountId(login), kind: 'staff', login, tenantId, displayName: 'Test staff', role: 'admin', passwordHash: await hashPassword(password), totpSecret: newTotpSecret() },
    }),
  );
  return { tenantId, login, password };
}
