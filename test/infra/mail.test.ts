import { type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, authorizer, type Grants, type RouteDefinition } from '#http/routes';
import { grantsOf } from '#http/audit-actions';
import { jobs, type JobDefinition } from '#functions/jobs/jobs';
import { consumers } from '#functions/jobs/consumers';
import type { KezekStacks } from '../../lib/kezek.ts';
import { rolePolicies, synthKezek } from './helpers.ts';

/**
 * E-mail in AWS (decision 59): with a mail domain, an SES domain identity, a configuration set
 * whose events reach the e-mail receipt recorder through SNS, `ses:SendEmail` on exactly those two
 * for the functions granted `mail`, and an alarm on bounces; without one, no SES resource at all.
 */
let withMail: { app: App; stacks: KezekStacks; api: Template; mail: Template };
let withoutMail: { app: App; stacks: KezekStacks; api: Template };

beforeAll(() => {
  const synth = (mailDomain?: string) => {
    const { app, stacks } = synthKezek({ ...(mailDomain && { mailDomain }), siteUrl: 'https://kezek.example.kz' }, { bundle: false });
    return { app, stacks, api: Template.fromStack(stacks.api) };
  };
  const mailed = synth('kezek.example.kz');
  withMail = { ...mailed, mail: Template.fromStack(mailed.stacks.mail!) };
  withoutMail = synth();
}, 600_000);

const allFunctions: readonly (readonly [string, Grants])[] = [
  ...(routes as readonly RouteDefinition[]).map((route) => [route.handler, grantsOf(route)] as const),
  [authorizer.handler, authorizer.grants] as const,
  ...(jobs as readonly JobDefinition[]).map((job) => [job.handler, job.grants] as const),
  ...consumers.map((consumer) => [consumer.handler, consumer.grants as Grants] as const),
];

const roleId = (stacks: KezekStacks, handler: string) => stacks.api.getLogicalId(stacks.api.functions.get(handler)!.role!.node.defaultChild as CfnElement);

/** The roles whose policies allow an SES action, with the resources of those statements. */
function sesStatements(template: Template): Map<string, unknown[]> {
  const found = new Map<string, unknown[]>();
  for (const policy of rolePolicies(template)) {
    for (const statement of policy.statements) {
      const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
      if (!actions.some((action) => action.startsWith('ses:'))) continue;
      expect(actions).toEqual(['ses:SendEmail']);
      for (const role of policy.roles) found.set(role, [...(found.get(role) ?? []), statement.Resource]);
    }
  }
  return found;
}

describe('e-mail with a mail domain', () => {
  it('should make, in a stack of their own, the SES domain identity with Easy DKIM, and a configuration set whose delivery, bounce, complaint and reject events go to an encrypted SNS topic', () => {
    // Assess
    withMail.api.resourceCountIs('AWS::SES::EmailIdentity', 0);
    withMail.mail.resourceCountIs('AWS::SES::EmailIdentity', 1);
    withMail.mail.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'kezek.example.kz', ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() } });
    withMail.mail.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'kezek-test-mail', ReputationOptions: { ReputationMetricsEnabled: true } });
    withMail.mail.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      ConfigurationSetName: { Ref: Match.stringLikeRegexp('^MailConfigurationSet') },
      EventDestination: { Enabled: true, MatchingEventTypes: ['delivery', 'bounce', 'complaint', 'reject'], SnsDestination: { TopicARN: Match.anyValue() } },
    });
    withMail.mail.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'kezek e-mail events', KmsMasterKeyId: Match.anyValue() });
  });

  it('should subscribe the receipt recorder to the events topic by its fixed name, and let only that topic invoke it', () => {
    // Prepare
    const recorder = Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':function:kezek-test-sms-receipts$')])] });

    // Assess
    withMail.mail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', Endpoint: recorder });
    withMail.mail.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'sns.amazonaws.com', FunctionName: recorder, SourceArn: { Ref: Match.stringLikeRegexp('^MailEvents') } });
  });

  it('should grant ses:SendEmail on the identity and the configuration set only, to exactly the functions granted mail, with their from address and configuration set', () => {
    // Act
    const statements = sesStatements(withMail.api);
    const mailers = allFunctions.filter(([, grants]) => grants.mail).map(([handler]) => handler);

    // Assess
    expect(mailers.sort()).toEqual(['cabinet-save-contacts', 'sms-sender']);
    expect([...statements.keys()].sort()).toEqual(mailers.map((handler) => roleId(withMail.stacks, handler)).sort());
    for (const resources of statements.values()) {
      expect(resources).toHaveLength(1);
      const [identity, configurationSet] = resources[0] as unknown[];
      expect(JSON.stringify(identity)).toContain(':identity/kezek.example.kz');
      expect(JSON.stringify(configurationSet)).toContain(':configuration-set/');
    }
    for (const handler of mailers) {
      withMail.api.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: Match.stringLikeRegexp(handler),
        Environment: { Variables: Match.objectLike({ MAIL_FROM_ADDRESS: 'kezek <no-reply@kezek.example.kz>', MAIL_CONFIGURATION_SET: Match.anyValue(), SITE_URL: 'https://kezek.example.kz' }) },
      });
    }
  });

  it('should alarm on a bounce rate above 4 % to the operations topic', () => {
    // Assess
    withMail.mail.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'kezek-test-mail-bounce-rate',
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.04,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [Match.anyValue()],
    });
  });

  it('should leave no unacknowledged cdk-nag finding', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(withMail.app);

    // Assess
    expect(report.violations.flatMap((violation) => violation.violatingResources.map((resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`))).toEqual([]);
  });
});

describe('e-mail without a mail domain', () => {
  it('should synthesize with no SES resource, no SES grant and no mail environment (e-mail off)', () => {
    // Assess
    expect(withoutMail.stacks.mail).toBeUndefined();
    withoutMail.api.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(sesStatements(withoutMail.api).size).toBe(0);
    const variables = Object.values(withoutMail.api.findResources('AWS::Lambda::Function')).map((fn: any) => Object.keys(fn.Properties?.Environment?.Variables ?? {}));
    expect(variables.flat().filter((name) => name.startsWith('MAIL_'))).toEqual([]);
  });
});
