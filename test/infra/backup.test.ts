import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloudTableList } from '#functions/tables';
import { DataStack } from '../../lib/data-stack.ts';

describe('backups', () => {
  let data: Template;
  beforeAll(() => {
    // The data stack alone: no function to bundle, so this file stays quick.
    data = Template.fromStack(new DataStack(new App(), 'Data', { stage: 'test', env: { region: 'eu-central-1' } }));
  });

  it('should keep point-in-time recovery on every table', () => {
    const tables = data.findResources('AWS::DynamoDB::GlobalTable');
    expect(Object.keys(tables)).toHaveLength(cloudTableList.length);
    for (const table of Object.values(tables)) {
      expect(table.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });

  it('should back up every table daily for 35 days and monthly for a year into a retained vault', () => {
    data.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    data.hasResourceProperties('AWS::Backup::BackupPlan', {
      BackupPlan: {
        BackupPlanRule: [
          Match.objectLike({ RuleName: 'Daily', ScheduleExpression: 'cron(0 19 * * ? *)', Lifecycle: { DeleteAfterDays: 35 } }),
          Match.objectLike({ RuleName: 'Monthly', ScheduleExpression: 'cron(0 19 1 * ? *)', Lifecycle: { DeleteAfterDays: 365 } }),
        ],
      },
    });
    const selections = Object.values(data.findResources('AWS::Backup::BackupSelection'));
    expect(selections).toHaveLength(1);
    expect(selections[0]!.Properties.BackupSelection.Resources).toHaveLength(cloudTableList.length);
  });
});
