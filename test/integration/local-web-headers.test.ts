import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebStack } from '../../lib/web-stack.ts';
import { startLocalServer } from '../../local/server.ts';

const tileUrl = 'https://{s}.tiles.almaty.example.kz/osm/{z}/{x}/{y}.png';

/** The CSP the web stack puts in CloudFront's response-headers policy for the same tile server. */
function cloudFrontPolicy(mapTiles?: { url: string }): string {
  const stack = new WebStack(new App(), 'Web', {
    env: { account: '111111111111', region: 'eu-central-1' },
    stage: 'test',
    apiDomainName: 'abc123.execute-api.eu-central-1.amazonaws.com',
    originSecretName: 'kezek-test-origin-verify',
    webDistPath: mkdtempSync(path.join(tmpdir(), 'kezek-empty-dist-')),
    ...(mapTiles && { mapTiles }),
  });
  const policies = Object.values(Template.fromStack(stack).findResources('AWS::CloudFront::ResponseHeadersPolicy')) as {
    Properties: { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } } } };
  }[];
  expect(policies).toHaveLength(1);
  return policies[0]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
}

describe('local server web headers', () => {
  let webRoot: string;
  const servers: { close(): Promise<void> }[] = [];

  beforeAll(() => {
    webRoot = mkdtempSync(path.join(tmpdir(), 'kezek-local-dist-'));
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>');
    mkdirSync(path.join(webRoot, 'assets'));
    writeFileSync(path.join(webRoot, 'assets', 'index-AbC123.js'), 'console.log(1);');
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  async function serve(mapTileUrl?: string): Promise<string> {
    const server = await startLocalServer({ port: 0, host: '127.0.0.1', webRoot, log: () => undefined, ...(mapTileUrl && { mapTileUrl }) });
    servers.push(server);
    return server.url;
  }

  it('should send the same CSP string as the CloudFront policy, with the tile server origin in img-src', async () => {
    // Prepare
    const url = await serve(tileUrl);

    // Act
    const response = await fetch(`${url}/cabinet`);

    // Assess
    const csp = response.headers.get('content-security-policy');
    expect(csp).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https://*.tiles.almaty.example.kz; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(csp).toBe(cloudFrontPolicy({ url: tileUrl }));
  });

  it('should send the same CSP string as the CloudFront policy without a tile server', async () => {
    // Prepare
    const url = await serve();

    // Act
    const response = await fetch(`${url}/`);

    // Assess
    const csp = response.headers.get('content-security-policy');
    expect(csp).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(csp).toBe(cloudFrontPolicy());
  });

  it('should send the page no-cache and a hashed asset immutable for a year, as S3 does after a deploy', async () => {
    // Prepare
    const url = await serve();

    // Act
    const page = await fetch(`${url}/index.html`);
    const asset = await fetch(`${url}/assets/index-AbC123.js`);

    // Assess
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
