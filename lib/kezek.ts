import { MailStack } from './mail-stack.ts';
import { Validations, type App, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack, originSecretName } from './api-stack.ts';
import { DataStack } from './data-stack.ts';
import { EdgeStack } from './edge-stack.ts';
import { JobsStack } from './jobs-stack.ts';
import { MonitoringStack } from './monitoring-stack.ts';
import { WebStack, type CustomDomain } from './web-stack.ts';

export interface KezekOptions {
  /** Stage name, part of stack and resource names: `dev`, `prod`, a department's own name. */
  readonly stage: string;
  readonly env: Environment;
  readonly customDomain?: CustomDomain;
  /** Built front end; defaults to `web/dist`. */
  readonly webDistPath?: string;
  /** The dashboard map's tiles (e.g. a department's own tile server); none draws a plain background. */
  readonly mapTiles?: { readonly url: string; readonly attribution: string };
  /**
   * The public site's URL named in every department's SMS; unset (the usual), each department's
   * SMS name its own first host name (`hosts` of its onboarding file).
   */
  readonly siteUrl?: string;
  /** The domain parents' e-mail comes from (SES, decision 59); unset: e-mail is off. */
  readonly mailDomain?: string;
  /** The API's own domain and its regional certificate: switches the execute-api endpoint off. */
  readonly apiCustomDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** After a rotation of the origin secret: the new version's id, so CloudFront sends it (README, Deploy). */
  readonly originSecretVersionId?: string;
  /** The X-Ray SDK inside every function (`-c xraySdk=true`, decision 62); unset: Lambda's active tracing only. */
  readonly xraySdk?: boolean;
}

export interface KezekStacks {
  readonly data: DataStack;
  readonly jobs: JobsStack;
  readonly api: ApiStack;
  readonly web: WebStack;
  readonly edge: EdgeStack;
  readonly monitoring: MonitoringStack;
  /** With a mail domain only. */
  readonly mail?: MailStack;
}

/** Adds kezek's stacks to `app`; shared by `bin/app.ts` and the infra tests. */
export function addKezekStacks(app: App, options: KezekOptions): KezekStacks {
  const prefix = `Kezek${options.stage.charAt(0).toUpperCase()}${options.stage.slice(1)}`;
  const common = { env: options.env, stage: options.stage };
  const data = new DataStack(app, `${prefix}Data`, common);
  const jobs = new JobsStack(app, `${prefix}Jobs`, common);
  const api = new ApiStack(app, `${prefix}Api`, { ...common, data, jobs, mapTiles: options.mapTiles, customDomain: options.apiCustomDomain, siteUrl: options.siteUrl, mailDomain: options.mailDomain, xraySdk: options.xraySdk });
  // CloudFront's web ACL can only live in us-east-1; the web stack reads its ARN across regions.
  const edge = new EdgeStack(app, `${prefix}Edge`, {
    stage: options.stage,
    env: { account: options.env.account, region: 'us-east-1' },
    crossRegionReferences: true,
  });
  const web = new WebStack(app, `${prefix}Web`, {
    ...common,
    crossRegionReferences: true,
    apiDomainName: api.importApiDomainName(),
    originSecretName: originSecretName(options.stage),
    originSecretVersionId: options.originSecretVersionId,
    webAclArn: edge.webAcl.attrArn,
    customDomain: options.customDomain,
    webDistPath: options.webDistPath,
    mapTiles: options.mapTiles,
  });
  web.addStackDependency(api, 'forwards /api/* to the HTTP API');
  // Its own stack: about 110 alarms would push the API stack towards CloudFormation's 500 resources.
  const monitoring = new MonitoringStack(app, `${prefix}Monitoring`, { ...common, data, jobs, api });
  // Parents' e-mail (decision 59), only with a mail domain: SES and its events, in a stack of their own.
  const mail = options.mailDomain ? new MailStack(app, `${prefix}Mail`, { ...common, mailDomain: options.mailDomain, jobs, api }) : undefined;
  return { data, jobs, api, web, edge, monitoring, ...(mail && { mail }) };
}

/** Runs the AWS Solutions rules of cdk-nag at synth; an unacknowledged error fails the synth. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
