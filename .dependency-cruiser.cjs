/**
 * The layering of kezek as rules over the import graph (checked by test/unit/layering.test.ts):
 * domain → ports → use cases / adapters → http → jobs → handlers; the local runtime, the web
 * app, the CDK app and the benchmarks sit above all of them. A layer imports only layers below it.
 */
const layer = (name) => `^functions/${name}/`;
const above = {
  domain: ['ports', 'use-cases', 'adapters', 'http', 'jobs', 'handlers'],
  ports: ['use-cases', 'adapters', 'http', 'jobs', 'handlers'],
  'use-cases': ['adapters', 'http', 'jobs', 'handlers'],
  adapters: ['use-cases', 'http', 'jobs', 'handlers'],
  http: ['jobs', 'handlers'],
  jobs: ['handlers'],
};
const outside = '^(local|web|lib|bin|bench|test|scripts)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one in disguise; split what they share into a lower module.',
      from: { path: '^(functions|local|web/src|lib|bin)/' },
      to: { circular: true },
    },
    ...Object.entries(above).map(([name, higher]) => ({
      name: `${name}-imports-only-lower-layers`,
      severity: 'error',
      comment: `functions/${name} may not import ${higher.join(', ')}.`,
      from: { path: layer(name) },
      to: { path: `^functions/(${higher.join('|')})/` },
    })),
    {
      name: 'functions-never-import-the-runtime-around-them',
      severity: 'error',
      comment: 'Lambda code cannot depend on the local runtime, the web app, the CDK app or tests.',
      from: { path: '^functions/' },
      to: { path: outside },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'Domain rules have no AWS SDK, no middy, no shared infrastructure modules: only zod and each other.',
      from: { path: layer('domain') },
      to: { path: '^(functions/[^/]+\\.ts$|node_modules/(?!zod/))', pathNot: '^node_modules/zod/' },
    },
    {
      name: 'ports-are-interfaces',
      severity: 'error',
      comment: 'Ports speak the domain; they import no package and no shared infrastructure module.',
      from: { path: layer('ports') },
      to: { path: '^(functions/[^/]+\\.ts$|node_modules/)' },
    },
    {
      name: 'web-talks-to-the-api-only',
      severity: 'error',
      comment: 'The web app is a client of the API: it shares pure domain rules and the route types, never server code.',
      from: { path: '^web/src/' },
      to: { path: '^(functions/(use-cases|adapters|jobs|handlers)/|local/|lib/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
