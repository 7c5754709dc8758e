import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { LayerVersion, type ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';

/** The installed Powertools version: the layer carries exactly the code the tests ran. */
export const powertoolsVersion: string = (
  JSON.parse(readFileSync(new URL('../node_modules/@aws-lambda-powertools/logger/package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Left out of every bundle: the AWS SDK v3 (in the Lambda runtime) and Powertools (in its layer).
 * The tracer's `aws-xray-sdk-core` alone is about 120 KB minified; in the layer it is shared by
 * every function instead of copied into each. `bench/` should bundle with the same list.
 */
export const lambdaExternalModules: readonly string[] = ['@aws-sdk/*', '@aws-lambda-powertools/*'];

/**
 * AWS's Powertools for TypeScript layer of `powertoolsVersion`, one per stack. Its ARN comes from
 * the public SSM parameter AWS publishes per release and region, resolved at deploy time, so
 * synth stays offline and no account id or layer number is written here.
 */
export function powertoolsLayer(scope: Construct): ILayerVersion {
  const stack = Stack.of(scope);
  const id = 'PowertoolsLayer';
  const existing = stack.node.tryFindChild(id) as ILayerVersion | undefined;
  if (existing) return existing;
  const arn = StringParameter.valueForStringParameter(stack, `/aws/service/powertools/typescript/generic/all/${powertoolsVersion}`);
  return LayerVersion.fromLayerVersionArn(stack, id, arn);
}
