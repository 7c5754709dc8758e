import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
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
