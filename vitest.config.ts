import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and browser tests start DynamoDB Local (about 2 s) and Chromium.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One warm DynamoDB Local for the run; each runtime makes its own tables on it.
    globalSetup: ['test/support/shared-dynamodb.ts'],
    // Two cores: more workers would only make the java engines and Chromium fight.
    maxWorkers: 2,
  },
});
