import type { KezekOptions } from './kezek.ts';

/** An AWS Region code such as `eu-central-1` (partitions included: `us-gov-west-1`, `cn-north-1`). */
const regionPattern = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** Thrown before anything is synthesized: the deployment would otherwise go wherever a profile says. */
export class DeploymentOptionError extends Error {}

/**
 * The deployment's options from CDK context (`-c key=value`) or `KEZEK_*` environment variables.
 * The Region is required: a default would be silently overridden by (or silently override) the
 * operator's AWS profile, and a department's data must land where its operator decided.
 */
export function kezekOptionsFrom(context: (key: string) => string | undefined, account: string | undefined): KezekOptions {
  const region = context('region');
  if (!region) {
    throw new DeploymentOptionError(
      'kezek: name the AWS Region to deploy to: `-c region=eu-central-1` (or KEZEK_REGION=eu-central-1). ' +
        'There is no default, so a deployment never lands in whatever Region a profile happens to name.',
    );
  }
  if (!regionPattern.test(region)) throw new DeploymentOptionError(`kezek: "${region}" is not an AWS Region code (e.g. eu-central-1)`);
  const domainName = context('domainName');
  const certificateArn = context('certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new DeploymentOptionError('kezek: a custom domain needs both domainName and certificateArn (the certificate in us-east-1, for CloudFront)');
  }
  if (certificateArn && !certificateArn.startsWith('arn:aws:acm:us-east-1:')) {
    throw new DeploymentOptionError(`kezek: CloudFront takes certificates from us-east-1 only; ${certificateArn} is elsewhere`);
  }
  const apiDomainName = context('apiDomainName');
  const apiCertificateArn = context('apiCertificateArn');
  if ((apiDomainName === undefined) !== (apiCertificateArn === undefined)) {
    throw new DeploymentOptionError('kezek: the API\'s own domain needs both apiDomainName and apiCertificateArn (the certificate in the deployment\'s Region)');
  }
  const mapTileUrl = context('mapTileUrl');
  return {
    stage: context('stage') ?? 'dev',
    env: { account, region },
    customDomain: domainName && certificateArn ? { domainName, certificateArn } : undefined,
    apiCustomDomain: apiDomainName && apiCertificateArn ? { domainName: apiDomainName, certificateArn: apiCertificateArn } : undefined,
    originSecretVersionId: context('originSecretVersionId'),
    mapTiles: mapTileUrl ? { url: mapTileUrl, attribution: context('mapTileAttribution') ?? '' } : undefined,
    siteUrl: context('siteUrl'),
    mailDomain: mailDomainOf(context('mailDomain')),
    xraySdk: switchOf('xraySdk', context('xraySdk')),
  };
}

/** An on/off option (`-c xraySdk=true`); unset is off, and anything but `true` or `false` is a mistake said at once. */
function switchOf(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new DeploymentOptionError(`kezek: ${name} is true or false, not "${value}"`);
}

/** A domain name SES can verify (`-c mailDomain=kezek.example.kz`); absent: e-mail is off (decision 59). */
function mailDomainOf(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(value)) throw new DeploymentOptionError(`kezek: mailDomain "${value}" is not a domain name (e.g. kezek.example.kz)`);
  return value;
}
