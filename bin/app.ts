import { App } from 'aws-cdk-lib';
import { addKezekStacks, addNagChecks } from '../lib/kezek.ts';

const app = new App();
const context = (key: string): string | undefined => app.node.tryGetContext(key) ?? process.env[`KEZEK_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];
const domainName = context('domainName');
const certificateArn = context('certificateArn');
const mapTileUrl = context('mapTileUrl');
const apiDomainName = context('apiDomainName');
const apiCertificateArn = context('apiCertificateArn');

addKezekStacks(app, {
  stage: context('stage') ?? 'dev',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-central-1' },
  customDomain: domainName && certificateArn ? { domainName, certificateArn } : undefined,
  apiCustomDomain: apiDomainName && apiCertificateArn ? { domainName: apiDomainName, certificateArn: apiCertificateArn } : undefined,
  originSecretVersionId: context('originSecretVersionId'),
  mapTiles: mapTileUrl ? { url: mapTileUrl, attribution: context('mapTileAttribution') ?? '' } : undefined,
});
addNagChecks(app);
