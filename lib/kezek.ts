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
  /** The API's own domain and its regional certificate: switches the execute-api endpoint off. */
  readonly apiCustomDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** After a rotation of the origin secret: the new version's id, so CloudFront sends it (README, Deploy). */
  readonly originSecretVersionId?: string;
}

export interface KezekStacks {
  readonly data: DataStack;
  readonly jobs: JobsStack;
  readonly api: ApiStack;
  readonly web: WebStack;
  readonly edge: EdgeStack;
  readonly monitoring: MonitoringStack;
}

/** Adds kezek's stacks to `app`; shared by `bin/app.ts` and the infra tests. */
export function addKezekStacks(app: App, options: KezekOptions): KezekStacks {
  const prefix = `Kezek${options.stage.charAt(0).toUpperCase()}${options.stage.slice(1)}`;
  const common = { env: options.env, stage: options.stage };
  const data = new DataStack(app, `${prefix}Data`, common);
  const jobs = new JobsStack(app, `${prefix}Jobs`, common);
  const api = new ApiStack(app, `${prefix}Api`, { ...common, data, jobs, mapTiles: options.mapTiles, customDomain: options.apiCustomDomain });
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
  });
  web.addStackDependency(api, 'forwards /api/* to the HTTP API');
  // Its own stack: about 110 alarms would push the API stack towards CloudFormation's 500 resources.
  const monitoring = new MonitoringStack(app, `${prefix}Monitoring`, { ...common, data, jobs, api });
  return { data, jobs, api, web, edge, monitoring };
}

/** Runs the AWS Solutions rules of cdk-nag at synth; an unacknowledged error fails the synth. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
