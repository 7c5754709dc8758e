import { App } from 'aws-cdk-lib';
import { DeploymentOptionError, kezekOptionsFrom } from '../lib/app-options.ts';
import { addKezekStacks, addNagChecks } from '../lib/kezek.ts';

const app = new App();
// As text: cdk.json may hold `"xraySdk": true`, a boolean, where `-c xraySdk=true` gives a string.
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value !== undefined && value !== null ? String(value) : process.env[`KEZEK_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];
};
try {
  addKezekStacks(app, kezekOptionsFrom(context, process.env.CDK_DEFAULT_ACCOUNT));
} catch (error) {
  if (!(error instanceof DeploymentOptionError)) throw error;
  console.error(error.message);
  process.exit(1);
}
addNagChecks(app);
