import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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

  it('should deploy hashed assets immutable for a year and unpruned, and the pages no-cache, pruned except assets, after them', () => {
    // Prepare
    const stack = webStack({ webDistPath: builtDist() });

    // Act
    const template = Template.fromStack(stack);

    // Assess
    const deployments = template.findResources('Custom::CDKBucketDeployment');
    expect(Object.keys(deployments)).toHaveLength(2);
    const [assetsId, assets] = deploymentWith(deployments, ['assets/*'], 'Include');
    expect(assets.Properties).toMatchObject({
      Exclude: ['*'],
      Include: ['assets/*'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(assets.Properties.DistributionId).toBeUndefined();
    const [, pages] = deploymentWith(deployments, ['assets/*'], 'Exclude');
    expect(pages.Properties).toMatchObject({
      Exclude: ['assets/*'],
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/*'],
    });
    expect(pages.Properties.Include).toBeUndefined();
    expect(pages.DependsOn).toContain(assetsId);
  });

  it('should expire only noncurrent versions of the site bucket, after 30 days', () => {
    // Prepare
    const stack = webStack({ webDistPath: builtDist() });

    // Act
    const template = Template.fromStack(stack);

    // Assess
    const buckets = Object.values(template.findResources('AWS::S3::Bucket', { Properties: { VersioningConfiguration: { Status: 'Enabled' } } }));
    expect(buckets).toHaveLength(1);
    const rules = (buckets[0] as { Properties: { LifecycleConfiguration: { Rules: Record<string, unknown>[] } } }).Properties.LifecycleConfiguration.Rules;
    expect(rules).toEqual([
      { Id: 'ExpireOldVersions', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 }, ExpiredObjectDeleteMarker: true },
      { Id: 'AbortIncompleteUploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
    ]);
  });

  it('should send the CSP with images from self and data: only when no tile server is configured', () => {
    // Prepare
    const stack = webStack({});

    // Act
    const template = Template.fromStack(stack);

    // Assess
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy:
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
              "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
            Override: true,
          },
        }),
      }),
    });
  });

  it('should allow images from the tile server origin in the CSP when mapTiles is configured', () => {
    // Prepare
    const stack = webStack({ mapTiles: { url: 'https://{s}.tiles.almaty.example.kz/osm/{z}/{x}/{y}.png' } });

    // Act
    const template = Template.fromStack(stack);

    // Assess
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy:
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https://*.tiles.almaty.example.kz; font-src 'self'; " +
              "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
            Override: true,
          },
        }),
      }),
    });
  });
});

function webStack(props: { webDistPath?: string; mapTiles?: { url: string } }): WebStack {
  return new WebStack(new App(), 'Web', {
    env,
    stage: 'test',
    apiDomainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
    originSecretName: 'kezek-test-origin-verify',
    webDistPath: props.webDistPath ?? mkdtempSync(path.join(tmpdir(), 'kezek-empty-dist-')),
    ...(props.mapTiles && { mapTiles: props.mapTiles }),
  });
}

/** A small stand-in for `web/dist`: the pages at the root, hashed files under `assets/`. */
function builtDist(): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'kezek-dist-'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>');
  writeFileSync(path.join(dist, 'robots.txt'), 'User-agent: *\n');
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), 'console.log(1);');
  return dist;
}

type Deployment = { Properties: Record<string, unknown>; DependsOn?: string[] };

function deploymentWith(deployments: Record<string, unknown>, value: string[], property: 'Include' | 'Exclude'): [string, Deployment] {
  const found = Object.entries(deployments as Record<string, Deployment>).filter(([, resource]) => JSON.stringify(resource.Properties[property]) === JSON.stringify(value));
  expect(found).toHaveLength(1);
  return found[0] as [string, Deployment];
}
