import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KezekStacks } from '../../lib/kezek.ts';
import { rolePolicies, synthKezek } from './helpers.ts';

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}

let stacks: KezekStacks;
let api: Template;

beforeAll(() => {
  // Grants only: the functions' code does not matter here.
  ({ stacks } = synthKezek({}, { bundle: false }));
  api = Template.fromStack(stacks.api);
}, 120_000);

/** The DynamoDB actions a function's role has on the audit table. */
function auditActionsOf(handler: string): string[] {
  const role = stacks.api.functions.get(handler)!.role!;
  const roleId = Stack.of(role).getLogicalId(role.node.defaultChild as CfnElement);
  return rolePolicies(api)
    .filter((policy) => policy.roles.includes(roleId))
    .flatMap((policy) => policy.statements as Statement[])
    .filter((statement) => JSON.stringify(statement.Resource).includes('-audit-table-arn'))
    .flatMap((statement) => [statement.Action].flat())
    .sort();
}

describe('the audit table in IAM', () => {
  it('should let an audited change only add items to the audit table', () => {
    // Act
    const actions = auditActionsOf('staff-enroll');

    // Assess
    expect(actions).toEqual(['dynamodb:PutItem']);
  });

  it('should let the administrator’s view read and add, never update or delete', () => {
    // Act
    const actions = auditActionsOf('staff-audit-events');

    // Assess
    expect(actions).toContain('dynamodb:Query');
    expect(actions).toContain('dynamodb:PutItem');
    expect(actions.filter((action) => /UpdateItem|DeleteItem|BatchWriteItem/.test(action))).toEqual([]);
  });

  it('should give a route that is not audited nothing on the audit table', () => {
    // Act
    const actions = auditActionsOf('staff-districts');

    // Assess
    expect(actions).toEqual([]);
  });
});
