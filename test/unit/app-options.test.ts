import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DeploymentOptionError, kezekOptionsFrom } from '../../lib/app-options.ts';

const from = (values: Record<string, string>) => (key: string) => values[key];

describe('deployment options', () => {
  it('should refuse to synthesize without a Region, whatever the profile says', () => {
    expect(() => kezekOptionsFrom(from({ stage: 'prod' }), '123456789012')).toThrow(DeploymentOptionError);
    expect(() => kezekOptionsFrom(from({ stage: 'prod' }), '123456789012')).toThrow('-c region=eu-central-1');
  });

  it('should refuse a Region that is not a Region code', () => {
    expect(() => kezekOptionsFrom(from({ region: 'Frankfurt' }), undefined)).toThrow('"Frankfurt" is not an AWS Region code');
  });

  it('should deploy to the Region named, with the stage and a custom domain whose certificate is in us-east-1', () => {
    const options = kezekOptionsFrom(
      from({ region: 'eu-central-1', stage: 'prod', domainName: 'kezek.example.kz', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }),
      '123456789012',
    );
    expect(options).toMatchObject({
      stage: 'prod',
      env: { account: '123456789012', region: 'eu-central-1' },
      customDomain: { domainName: 'kezek.example.kz', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' },
    });
  });

  it('should leave the X-Ray SDK out of the functions unless asked, and refuse a switch that is neither true nor false', () => {
    expect(kezekOptionsFrom(from({ region: 'eu-central-1' }), undefined).xraySdk).toBe(false);
    expect(kezekOptionsFrom(from({ region: 'eu-central-1', xraySdk: 'true' }), undefined).xraySdk).toBe(true);
    expect(kezekOptionsFrom(from({ region: 'eu-central-1', xraySdk: 'false' }), undefined).xraySdk).toBe(false);
    expect(() => kezekOptionsFrom(from({ region: 'eu-central-1', xraySdk: 'yes' }), undefined)).toThrow('xraySdk is true or false, not "yes"');
  });

  it('should refuse a certificate outside us-east-1 and half a custom domain', () => {
    expect(() =>
      kezekOptionsFrom(from({ region: 'eu-central-1', domainName: 'kezek.example.kz', certificateArn: 'arn:aws:acm:eu-central-1:123456789012:certificate/abc' }), undefined),
    ).toThrow('CloudFront takes certificates from us-east-1 only');
    expect(() => kezekOptionsFrom(from({ region: 'eu-central-1', domainName: 'kezek.example.kz' }), undefined)).toThrow('needs both domainName and certificateArn');
  });

  it('should make `cdk synth` fail fast with the reason when no Region is named', async () => {
    const run = promisify(execFile);
    const { KEZEK_REGION: _region, ...environment } = process.env;
    const failed = await run(process.execPath, ['--import', 'tsx', 'bin/app.ts'], { cwd: join(import.meta.dirname, '..', '..'), env: environment }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('name the AWS Region to deploy to');
  });
});
