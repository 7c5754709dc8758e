import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { EdgeStack } from '../../lib/edge-stack.ts';
import { WebStack } from '../../lib/web-stack.ts';

/** The edge and web stacks as `addKezekStacks` composes them, without the API's functions (fast). */
let app: App;
let edge: EdgeStack;
let web: WebStack;

beforeAll(() => {
  app = new App();
  edge = new EdgeStack(app, 'Edge', { stage: 'test', env: { region: 'us-east-1' }, crossRegionReferences: true });
  web = new WebStack(app, 'Web', {
    stage: 'test',
    env: { region: 'eu-central-1' },
    crossRegionReferences: true,
    apiDomainName: 'api.kezek.example.kz',
    originSecretName: 'kezek-test-origin-verify',
    webAclArn: edge.webAcl.attrArn,
    webDistPath: mkdtempSync(path.join(tmpdir(), 'kezek-empty-dist-')),
  });
  app.synth();
}, 300_000);

describe('edge stack (AWS WAF for CloudFront)', () => {
  it('should be a CLOUDFRONT-scope web ACL in us-east-1 with per-address rate rules and the AWS common rule set', () => {
    // Act
    const template = Template.fromStack(edge);

    // Assess
    expect(Stack.of(edge).region).toBe('us-east-1');
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Name: 'rate-auth',
          Action: { Block: {} },
          Statement: {
            RateBasedStatement: Match.objectLike({ Limit: 100, AggregateKeyType: 'IP', EvaluationWindowSec: 300 }),
          },
        }),
        Match.objectLike({
          Name: 'rate-all',
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 } },
        }),
        Match.objectLike({
          Name: 'aws-common',
          Statement: { ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' }) },
        }),
      ],
    });
  });

  it('should attach the web ACL to the distribution through a cross-region reference', () => {
    // Act
    const distribution = Object.values(Template.fromStack(web).findResources('AWS::CloudFront::Distribution'))[0]!;

    // Assess
    expect(JSON.stringify(distribution.Properties.DistributionConfig.WebACLId)).toMatch(/ExportsReader/);
  });
});

describe('web stack origin to the API', () => {
  it('should send the origin secret in a custom header, as a deploy-time Secrets Manager reference and never the value', () => {
    // Act
    const distribution = Object.values(Template.fromStack(web).findResources('AWS::CloudFront::Distribution'))[0]!;
    const apiOrigin = (distribution.Properties.DistributionConfig.Origins as { DomainName: string; OriginCustomHeaders?: unknown }[]).find(
      (origin) => origin.DomainName === 'api.kezek.example.kz',
    );

    // Assess
    expect(apiOrigin?.OriginCustomHeaders).toEqual([
      { HeaderName: 'x-kezek-origin-verify', HeaderValue: '{{resolve:secretsmanager:kezek-test-origin-verify:SecretString:::}}' },
    ]);
  });

  it('should send a given version of the secret after a rotation', () => {
    // Prepare
    const rotated = new App();
    const stack = new WebStack(rotated, 'Web', {
      stage: 'test',
      env: { region: 'eu-central-1' },
      apiDomainName: 'api.kezek.example.kz',
      originSecretName: 'kezek-test-origin-verify',
      originSecretVersionId: '5b4d1a52-0000-4000-8000-000000000001',
      webDistPath: mkdtempSync(path.join(tmpdir(), 'kezek-empty-dist-')),
    });

    // Act
    const distribution = Object.values(Template.fromStack(stack).findResources('AWS::CloudFront::Distribution'))[0]!;

    // Assess
    expect(JSON.stringify(distribution.Properties.DistributionConfig.Origins)).toContain(
      '{{resolve:secretsmanager:kezek-test-origin-verify:SecretString:::5b4d1a52-0000-4000-8000-000000000001}}',
    );
  });
});

describe('cdk-nag on the edge and web stacks', () => {
  it('should report no unacknowledged AwsSolutions error or warning', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(app);

    // Assess
    const findings = report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`),
    );
    expect(findings).toEqual([]);
  });
});
