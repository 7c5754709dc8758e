import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { addKezekStacks, type KezekOptions, type KezekStacks } from '../../lib/kezek.ts';

/** A stand-in for `web/dist`, so the tests cover the deployment whether or not the web is built. */
export function fakeWebDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kezek-web-dist-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kezek</title>');
  return dir;
}

/**
 * The whole app, as `bin/app.ts` composes it, synthesized once. `bundle: false` skips bundling the
 * functions (a minute on two cores) for tests that read only the templates, not the code.
 */
export function synthKezek(options: Partial<KezekOptions> = {}, { bundle = true }: { bundle?: boolean } = {}): { app: App; stacks: KezekStacks } {
  const app = new App(bundle ? {} : { context: { 'aws:cdk:bundling-stacks': [] } });
  const stacks = addKezekStacks(app, {
    stage: 'test',
    env: { region: 'eu-central-1' },
    webDistPath: fakeWebDist(),
    ...options,
  });
  app.synth();
  return { app, stacks };
}

/** One IAM statement as a template holds it. */
export interface TemplateStatement {
  readonly Effect?: string;
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Condition?: unknown;
}

/**
 * Every policy a template attaches to a role, with the logical ids of the roles it is attached
 * to: `AWS::IAM::Policy` resources (the roles they name) and the roles' own inline policies (the
 * functions' grants, see `InlinePolicyRole`).
 */
export function rolePolicies(template: Template): { readonly roles: readonly string[]; readonly statements: readonly TemplateStatement[] }[] {
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, any> }>;
  return Object.entries(resources).flatMap(([id, resource]) => {
    if (resource.Type === 'AWS::IAM::Policy') return [{ roles: (resource.Properties?.Roles ?? []).map((role: { Ref: string }) => role.Ref), statements: resource.Properties?.PolicyDocument.Statement ?? [] }];
    if (resource.Type === 'AWS::IAM::Role') return (resource.Properties?.Policies ?? []).map((policy: { PolicyDocument: { Statement: TemplateStatement[] } }) => ({ roles: [id], statements: policy.PolicyDocument.Statement }));
    return [];
  });
}
