import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lambdaHandlers } from '../../bench/lambda-bundles.ts';

const handlersDir = join(import.meta.dirname, '..', '..', 'functions', 'handlers');

/** The three places that put Powertools (logger context, tracer, metrics) around a function. */
const wrappers = [/\bhttpHandler\(/, /\bjobHandler\(/, /\.use\(observability\(\)\)/];

describe('every Lambda function', () => {
  it('should have a handler file for every function the route table, the jobs and the authorizer name, and no other', () => {
    // Prepare
    const files = readdirSync(handlersDir).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
    // Assess
    expect(files).toEqual(lambdaHandlers());
  });

  it.each(lambdaHandlers())('should run %s through middy with Powertools around it', async (name) => {
    // Prepare
    const source = readFileSync(join(handlersDir, `${name}.ts`), 'utf8');
    // Act
    const module = (await import(join(handlersDir, `${name}.ts`))) as { handler: { use?: unknown } };
    // Assess: made by middy (a bare async function has no `use`), through one of our wrappers
    expect(typeof module.handler.use).toBe('function');
    expect(wrappers.some((wrapper) => wrapper.test(source))).toBe(true);
  });
});
