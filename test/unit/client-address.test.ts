import { describe, expect, it } from 'vitest';
import { clientAddress } from '#http/client-address';
import { ExtensionOriginSecrets } from '#adapters/secrets/extension-origin-secrets';

function request(headers: Record<string, string>) {
  return { headers, requestContext: { http: { sourceIp: '192.0.2.10' } } };
}

describe('clientAddress', () => {
  it('should use the source address when CloudFront-Viewer-Address comes without the origin secret', () => {
    // Act
    const address = clientAddress(request({ 'cloudfront-viewer-address': '203.0.113.5:443' }), ['s3cret-current']);

    // Assess
    expect(address).toBe('192.0.2.10');
  });

  it('should use the source address when the origin secret is wrong, or when none is configured', () => {
    // Act
    const wrong = clientAddress(request({ 'cloudfront-viewer-address': '203.0.113.5:443', 'x-kezek-origin-verify': 's3cret-curren' }), ['s3cret-current']);
    const unconfigured = clientAddress(request({ 'cloudfront-viewer-address': '203.0.113.5:443', 'x-kezek-origin-verify': '' }), []);

    // Assess
    expect(wrong).toBe('192.0.2.10');
    expect(unconfigured).toBe('192.0.2.10');
  });

  it('should use the viewer address with the current or the previous secret', () => {
    // Act
    const current = clientAddress(request({ 'cloudfront-viewer-address': '203.0.113.5:443', 'x-kezek-origin-verify': 's3cret-current' }), ['s3cret-current', 's3cret-previous']);
    const previous = clientAddress(request({ 'cloudfront-viewer-address': '2001:db8::7:51000', 'x-kezek-origin-verify': 's3cret-previous' }), ['s3cret-current', 's3cret-previous']);

    // Assess
    expect(current).toBe('203.0.113.5');
    expect(previous).toBe('2001:db8::7');
  });

  it('should use the source address when the secret is right but no viewer address came', () => {
    // Act
    const address = clientAddress(request({ 'x-kezek-origin-verify': 's3cret-current' }), ['s3cret-current']);

    // Assess
    expect(address).toBe('192.0.2.10');
  });
});

describe('ExtensionOriginSecrets', () => {
  /** The extension's answers by version stage; counts the calls. */
  function fakeExtension(values: Record<string, string | number>) {
    const calls: string[] = [];
    const fetch = async (url: string, init: { headers: Record<string, string> }) => {
      const stage = new URL(url).searchParams.get('versionStage')!;
      calls.push(`${new URL(url).searchParams.get('secretId')} ${stage} ${init.headers['X-Aws-Parameters-Secrets-Token']}`);
      const value = values[stage];
      return typeof value === 'number'
        ? { ok: false, status: value, json: async () => ({}) }
        : { ok: true, status: 200, json: async () => ({ SecretString: value }) };
    };
    return { calls, fetch };
  }

  it('should read the current and previous values once and keep them for the TTL, then read again', async () => {
    // Prepare
    const extension = fakeExtension({ AWSCURRENT: 'new', AWSPREVIOUS: 'old' });
    let now = 1_000;
    const secrets = new ExtensionOriginSecrets({ secretId: 'kezek-test-origin-verify', sessionToken: 'token', ttlMs: 300_000, now: () => now, fetch: extension.fetch });

    // Act
    const first = await secrets.current();
    now += 299_000;
    const cached = await secrets.current();
    const callsWithinTtl = extension.calls.length;
    now += 2_000;
    await secrets.current();

    // Assess
    expect(first).toEqual(['new', 'old']);
    expect(cached).toEqual(['new', 'old']);
    expect(callsWithinTtl).toBe(2);
    expect(extension.calls).toEqual([
      'kezek-test-origin-verify AWSCURRENT token',
      'kezek-test-origin-verify AWSPREVIOUS token',
      'kezek-test-origin-verify AWSCURRENT token',
      'kezek-test-origin-verify AWSPREVIOUS token',
    ]);
  });

  it('should accept only the current value before the first rotation (no AWSPREVIOUS)', async () => {
    // Prepare
    const extension = fakeExtension({ AWSCURRENT: 'only', AWSPREVIOUS: 400 });
    const secrets = new ExtensionOriginSecrets({ secretId: 'kezek-test-origin-verify', sessionToken: 'token', ttlMs: 300_000, now: () => 0, fetch: extension.fetch });

    // Act
    const values = await secrets.current();

    // Assess
    expect(values).toEqual(['only']);
  });

  it('should fail rather than trust anything when the current value cannot be read at all', async () => {
    // Prepare
    const extension = fakeExtension({ AWSCURRENT: 500, AWSPREVIOUS: 404 });
    const secrets = new ExtensionOriginSecrets({ secretId: 'kezek-test-origin-verify', sessionToken: 'token', ttlMs: 300_000, now: () => 0, fetch: extension.fetch });

    // Act
    const reading = secrets.current();

    // Assess
    await expect(reading).rejects.toThrow('the secrets extension answered 500 for AWSCURRENT');
  });
});
