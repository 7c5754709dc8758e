import type { MiddlewareStack } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import type { TableKey } from '#functions/tables';
import { enforceTableGrants, MissingGrantError, withGrants } from '../../local/grants.ts';

/** The grant check as the local runtime installs it, captured from a stand-in middleware stack. */
function grantCheck(): (commandName: string, input: Record<string, unknown>) => Promise<unknown> {
  let middleware: any;
  const stack = { add: (fn: unknown) => (middleware = fn) } as unknown as MiddlewareStack<any, any>;
  enforceTableGrants(stack, { audit: 'local-Audit', applications: 'local-Applications' } as Record<TableKey, string>);
  return (commandName, input) => middleware(async () => 'sent', { commandName })({ input });
}

describe('the local grant check', () => {
  it('should let a write grant add to the audit table, inside a transaction too, and refuse it a read', async () => {
    // Prepare
    const check = grantCheck();
    const grants = { tables: { audit: 'write', applications: 'readWrite' } } as const;

    // Act
    const put = withGrants('staff-enroll', grants, () => check('PutItemCommand', { TableName: 'local-Audit' }));
    const transaction = withGrants('staff-enroll', grants, () =>
      check('TransactWriteItemsCommand', { TransactItems: [{ Update: { TableName: 'local-Applications' } }, { Put: { TableName: 'local-Audit' } }] }),
    );
    const query = withGrants('staff-enroll', grants, () => check('QueryCommand', { TableName: 'local-Audit' }));

    // Assess
    await expect(put).resolves.toBe('sent');
    await expect(transaction).resolves.toBe('sent');
    await expect(query).rejects.toBeInstanceOf(MissingGrantError);
  });

  it('should refuse a route without the audit grant any write to it', async () => {
    // Prepare
    const check = grantCheck();

    // Act
    const put = withGrants('staff-districts', { tables: { applications: 'read' } }, () => check('PutItemCommand', { TableName: 'local-Audit' }));

    // Assess
    await expect(put).rejects.toBeInstanceOf(MissingGrantError);
  });
});
