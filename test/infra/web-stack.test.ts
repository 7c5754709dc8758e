import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { WebStack } from '../../lib/web-stack.ts';

const env = { account: '111111111111', region: 'eu-central-1' };

describe('web stack on its own', () => {
  it('should require TLS 1.2 from viewers once it has a domain and certificate', () => {
    // Prepare
    const app = new App();
    const stack = new WebStack(app, 'Web', {
      env,
      stage: 'test',
      apiDomainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
      originSecretName: 'kezek-test-origin-verify',
      customDomain: {
        domainName: 'kezek.example.kz',
        certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
      },
      webDistPath: mkdtempSync(path.join(tmpdir(), 'kezek-empty-dist-')),
    });

    // Act
    const template = Template.fromStack(stack);

    // Assess
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['kezek.example.kz'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
      }),
    });
  });

  it('should skip the deployment with a warning when the front end is not built', () => {
    // Prepare
    const app = new App();
    const stack = new WebStack(app, 'Web', {
      env,
      stage: 'test',
      apiDomainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
      originSecretName: 'kezek-test-origin-verify',
      webDistPath: mkdtempSync(path.join(tmpdir(), 'kezek-empty-dist-')),
    });

    // Act
    const template = Template.fromStack(stack);

    // Assess
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('npm run build:web'));
    expect(warnings).toHaveLength(1);
  });
});
