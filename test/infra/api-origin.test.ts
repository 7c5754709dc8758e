import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { addKezekStacks, type KezekStacks } from '../../lib/kezek.ts';
import { fakeWebDist, rolePolicies } from './helpers.ts';

/** The whole app without bundling the functions (their code does not matter here): a fast synth. */
function synth(apiCustomDomain?: { domainName: string; certificateArn: string }): { app: App; stacks: KezekStacks } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stacks = addKezekStacks(app, { stage: 'test', env: { region: 'eu-central-1' }, webDistPath: fakeWebDist(), apiCustomDomain });
  app.synth();
  return { app, stacks };
}

const apiDomain = { domainName: 'api.kezek.example.kz', certificateArn: 'arn:aws:acm:eu-central-1:111111111111:certificate/00000000-0000-0000-0000-000000000001' };
let withDomain: { app: App; stacks: KezekStacks };
let withoutDomain: { app: App; stacks: KezekStacks };

beforeAll(() => {
  withDomain = synth(apiDomain);
  withoutDomain = synth();
}, 600_000);

function statementsOf(stacks: KezekStacks, handler: string): { Action: string | string[]; Resource?: unknown }[] {
  const roleId = stacks.api.getLogicalId(stacks.api.functions.get(handler)!.role!.node.defaultChild as CfnElement);
  return rolePolicies(Template.fromStack(stacks.api))
    .filter((policy) => policy.roles.includes(roleId))
    .flatMap((policy) => policy.statements);
}

describe('the API behind CloudFront only', () => {
  it('should switch the execute-api endpoint off and map the API to its own domain, which CloudFront forwards to', () => {
    // Act
    const api = Template.fromStack(withDomain.stacks.api);
    const web = Template.fromStack(withDomain.stacks.web);

    // Assess
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    api.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.kezek.example.kz',
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: apiDomain.certificateArn, EndpointType: 'REGIONAL' })],
    });
    api.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    api.hasOutput('ApiDomainName', { Value: 'api.kezek.example.kz', Export: { Name: 'kezek-test-api-domain' } });
    web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: Match.arrayWith([Match.objectLike({ DomainName: { 'Fn::ImportValue': 'kezek-test-api-domain' } })]),
      }),
    });
  });

  it('should leave the endpoint on, with a synth warning, when no API domain is configured', () => {
    // Act
    const api = Template.fromStack(withoutDomain.stacks.api);
    const warnings = Annotations.fromStack(withoutDomain.stacks.api).findWarning('*', Match.stringLikeRegexp('execute-api endpoint stays reachable'));

    // Assess
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    expect(warnings).toHaveLength(1);
  });

  it('should generate the origin secret in Secrets Manager, never write its value in a template', () => {
    // Act
    const secrets = Template.fromStack(withDomain.stacks.api).findResources('AWS::SecretsManager::Secret');
    const templates = [withDomain.stacks.api, withDomain.stacks.web, withDomain.stacks.edge].map((stack) => JSON.stringify(Template.fromStack(stack).toJSON()));

    // Assess
    expect(Object.values(secrets)).toHaveLength(1);
    expect(Object.values(secrets)[0]!.Properties).toMatchObject({
      Name: 'kezek-test-origin-verify',
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
    });
    for (const template of templates) expect(template).not.toMatch(/"SecretString"/);
    expect(templates[1]).toContain('{{resolve:secretsmanager:kezek-test-origin-verify:SecretString:::}}');
  });

  it('should let exactly the two login routes read the origin secret, through the secrets extension', () => {
    // Prepare
    const secretRef = { Ref: withDomain.stacks.api.getLogicalId(withDomain.stacks.api.originSecret.node.defaultChild as CfnElement) };
    const readers = [...withDomain.stacks.api.functions.keys()].filter((handler) =>
      statementsOf(withDomain.stacks, handler).some((statement) => [statement.Action].flat().some((action) => action.startsWith('secretsmanager:'))),
    );

    // Act
    const codeStatements = statementsOf(withDomain.stacks, 'parent-login-code').filter((statement) => [statement.Action].flat().some((action) => action.startsWith('secretsmanager:')));
    const fn = Template.fromStack(withDomain.stacks.api).toJSON().Resources[
      withDomain.stacks.api.getLogicalId(withDomain.stacks.api.functions.get('parent-login-code')!.node.defaultChild as CfnElement)
    ];

    // Assess
    expect(readers.sort()).toEqual(['health', 'parent-login-code', 'parent-login-session', 'staff-login-session']);
    expect(codeStatements).toEqual([{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretRef }]);
    expect(fn.Properties.Environment.Variables).toMatchObject({ ORIGIN_SECRET_ID: 'kezek-test-origin-verify', PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '2773' });
    expect(JSON.stringify(fn.Properties.Layers)).toContain('AWS-Parameters-and-Secrets-Lambda-Extension-Arm64');
  });

  it('should report no unacknowledged AwsSolutions finding with an API domain either', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(withDomain.app);

    // Assess
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`),
    );
    expect(findings).toEqual([]);
    expect(Stack.of(withDomain.stacks.edge).region).toBe('us-east-1');
  });
});
