import { App } from 'aws-cdk-lib';
import { DeploymentOptionError, kezekOptionsFrom } from '../lib/app-options.ts';
import { addKezekStacks, addNagChecks } from '../lib/kezek.ts';

const app = new App();
const context = (key: string): string | undefined => app.node.tryGetContext(key) ?? process.env[`KEZEK_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`];
try {
  addKezekStacks(app, kezekOptionsFrom(context, process.env.CDK_DEFAULT_ACCOUNT));
} catch (error) {
  if (!(error instanceof DeploymentOptionError)) throw error;
  console.error(error.message);
  process.exit(1);
}
addNagChecks(app);
