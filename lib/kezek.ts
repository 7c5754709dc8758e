import { Validations, type App, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './api-stack.ts';
import { DataStack } from './data-stack.ts';
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
}

export interface KezekStacks {
  readonly data: DataStack;
  readonly jobs: JobsStack;
  readonly api: ApiStack;
  readonly web: WebStack;
  readonly monitoring: MonitoringStack;
}

/** Adds kezek's stacks to `app`; shared by `bin/app.ts` and the infra tests. */
export function addKezekStacks(app: App, options: KezekOptions): KezekStacks {
  const prefix = `Kezek${options.stage.charAt(0).toUpperCase()}${options.stage.slice(1)}`;
  const common = { env: options.env, stage: options.stage };
  const data = new DataStack(app, `${prefix}Data`, common);
  const jobs = new JobsStack(app, `${prefix}Jobs`, common);
  const api = new ApiStack(app, `${prefix}Api`, {
    ...common,
    data,
    jobs,
    mapTiles: options.mapTiles,
    siteUrl: options.siteUrl,
  });
  const web = new WebStack(app, `${prefix}Web`, {
    ...common,
    apiDomainName: api.importApiDomainName(),
    customDomain: options.customDomain,
    webDistPath: options.webDistPath,
  });
  web.addStackDependency(api, 'forwards /api/* to the HTTP API');
  // Its own stack: about 110 alarms would push the API stack towards CloudFormation's 500 resources.
  const monitoring = new MonitoringStack(app, `${prefix}Monitoring`, { ...common, data, jobs, api });
  return { data, jobs, api, web, monitoring };
}

/** Runs the AWS Solutions rules of cdk-nag at synth; an unacknowledged error fails the synth. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
