import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthKezek } from './helpers.ts';

/** Every function of ours (routes, jobs, consumers, the authorizer): its tracing mode and the variable that switches the X-Ray SDK in it. */
function tracingOfFunctions(xraySdk: boolean | undefined): { mode: unknown; sdk: unknown }[] {
  const { stacks } = synthKezek(xraySdk === undefined ? {} : { xraySdk }, { bundle: false });
  const resources = Template.fromStack(stacks.api).findResources('AWS::Lambda::Function');
  const ours = [...stacks.api.functions.values(), ...stacks.api.jobFunctions.values()].map((fn) => stacks.api.getLogicalId(fn.node.defaultChild as CfnElement));
  return [...new Set(ours)].map((id) => resources[id]!).map((resource) => {
    const properties = resource.Properties as { TracingConfig?: { Mode?: unknown }; Environment: { Variables: Record<string, unknown> } };
    return { mode: properties.TracingConfig?.Mode, sdk: properties.Environment.Variables.POWERTOOLS_TRACE_ENABLED };
  });
}

describe('X-Ray in the functions (decision 62)', () => {
  it('should trace every invocation with Lambda\'s active tracing and keep the X-Ray SDK out of every function by default', () => {
    // Act
    const functions = tracingOfFunctions(undefined);

    // Assess
    expect(functions.length).toBeGreaterThan(60);
    expect(new Set(functions.map((fn) => JSON.stringify(fn)))).toEqual(new Set([JSON.stringify({ mode: 'Active', sdk: 'false' })]));
  }, 120_000);

  it('should load the X-Ray SDK in every function when the deployment asks for it', () => {
    // Act
    const functions = tracingOfFunctions(true);

    // Assess
    expect(new Set(functions.map((fn) => JSON.stringify(fn)))).toEqual(new Set([JSON.stringify({ mode: 'Active', sdk: 'true' })]));
  }, 120_000);
});
