import { describe, expect, it } from 'vitest';
import { benchmarksMarkdown, type BenchDetails } from '../../bench/benchmarks-md.ts';
import { figure } from '../../bench/report.ts';

/** A run that misses every target it can, with figures no run of ours would give, so any figure not from it shows. */
const details: BenchDetails = {
  date: '2026-12-06T05:00:00.000Z',
  command: 'npm run bench',
  seconds: 613,
  machine: { cores: 2, cpu: 'Test CPU', memoryGiB: 7, node: 'v20.19.0', loadAverageAtStart: [4.44, 3.33, 2.22], loadAverageAtEnd: [5.55, 4.44, 3.33] },
  failures: {},
  web: { gzipBytes: 41_234, rawBytes: 123_456, files: [{ file: 'assets/index.js', rawBytes: 123_456, gzipBytes: 41_234 }] },
  bundles: {
    bundles: [
      { handler: 'staff-queue', bytes: 345_678, coldImportMs: 123.4, coldImportCpuMs: 104.4 },
      { handler: 'health', bytes: 45_678, coldImportMs: 23.4, coldImportCpuMs: 13.3 },
    ],
    largest: { handler: 'staff-queue', bytes: 345_678, coldImportMs: 123.4, coldImportCpuMs: 104.4 },
    slowest: { handler: 'staff-queue', bytes: 345_678, coldImportMs: 123.4, coldImportCpuMs: 104.4 },
    heaviestModules: [{ module: 'zod', bytes: 67_890 }],
    importRuns: 3,
    recheck: { handlers: ['staff-queue', 'health'], runs: 9 },
    failed: [],
    layer: { bytes: 765_432, files: 21 },
    yardstick: { beforeMs: 2_468.4, afterMs: 3_579.6 },
    slowestApart: { handler: 'staff-queue', externalsOnlyMs: 61.2, instructions: { shippedM: 812.34, externalsOnlyM: 733.3, emptyM: 521.1, perModuleLayerM: 876.5 }, fromNodeModulesMs: 171.7, firstUse: { snsMs: 12.3, s3Ms: 45.6 }, externals: ['@aws-sdk/client-dynamodb'], selfContained: { staticBytes: 456_789, allBytes: 987_654, coldImportMs: 111.1 },
      steps: { coldImportMs: 118.8, everyRouteSchemaMs: 141.4, sourceMapsMs: 125.7, mapBytes: 222_222, asciiMs: 124.4, bundleBytes: 333_333, asciiBundleBytes: 377_777, xraySdkMs: 131.3, perModuleLayerMs: 134.6,
        cpu: { coldImportMs: 98.8, externalsOnlyMs: 51.1, everyRouteSchemaMs: 115.5, sourceMapsMs: 103.3, asciiMs: 100.9, xraySdkMs: 109.9, perModuleLayerMs: 112.2 } },
    },
  },
  api: {
    seededApplications: 5_200,
    cabinetView: { total: 3, writes: 0, reads: 3, byCommand: { GetItemCommand: 2, QueryCommand: 1 } },
    surveySubmit: { total: 4, writes: 1, reads: 3, byCommand: { TransactWriteItemsCommand: 1 } },
    surveyLoad: { submissions: 400, concurrency: 16, seconds: 12.3, perSecond: 32.5, p50Ms: 431, p99Ms: 977, maxMs: 1_234 },
  },
  lighthouse: { pages: [{ path: '/', score: 91, lcpMs: 2_345, tbtMs: 67, cls: 0.123 }], score: 91, chromium: '/usr/bin/chromium' },
  close: {
    pending: 20_000,
    stopped: 20_000,
    closeSeconds: 40.4,
    closePerSecond: 495.5,
    rawUpdates: 20_000,
    rawPerSecond: 771.3,
    ratio: 0.6424,
    concurrency: 16,
    breakdown: [
      { transaction: 'application', perSecond: 702.1 },
      { transaction: 'application + notice', perSecond: 633.3 },
    ],
    breakdownUpdates: 2_000,
  },
};

describe('BENCHMARKS.md', () => {
  it('should explain a missed close target with the figures of the run only', () => {
    // Act
    const markdown = benchmarksMarkdown([figure('closeToRawWriteRatio', 0.642, '', '≥ 0.8', (v) => v >= 0.8, 'close ÷ raw')], details);
    // Assess
    expect(markdown).toContain(
      [
        '**Gap.** The close ran at 0.64 of the raw rate, against a transaction of 0.82 for one application',
        'alone. Grouping already shares the notice and counter items; what is left per application is its own conditional',
        'update and three index moves, which the raw update does not make. Check the load average above first: a load above',
        'the core count lowers the close more than the raw writes.',
      ].join('\n'),
    );
    expect(markdown).not.toContain('0.89');
  });

  it('should print no figure in its prose that the run did not measure', () => {
    // Act
    const markdown = benchmarksMarkdown([], details);
    // Assess: every number outside the tables is one of the run's (as printed), a target, or a name
    const prose = markdown.split('\n').filter((line) => !line.startsWith('|'));
    const numbers = prose.flatMap((line) => line.replace(/`[^`]*`/g, '').match(/\d+(?:,\d{3})*(?:\.\d+)?/g) ?? []);
    const fromTheRun = [
      '2026', '12', '06', '05', '00', '00.000', '613', '2', '7', '20.19', '0', '4.44', '3.33', '2.22', '5.55',
      '20,000', '40.4', '496', '771', '16', '0.64', '702', '633', '0.91', '0.82',
      '3', '9', '345.7', '123', '45.7', '23', '67.9', '21', '765.4', '61', '58', '172', '111', '456.8', '987.7', '119', '141', '126', '888.9', '222.2',
      '124', '6', '377.8', '333.3', '48',
      '812', '733', '521', '79', '877', '2468', '3580',
      '5,200', '400', '12.3', '32.5', '431', '977', '1234', '1', '4', '123.5', '41.2', '91', '2345', '67', '0.123',
    ];
    const targets = ['300', '300,000', '100', '70', '0.8'];
    // p50 / p99, the close's group size and the bundles' finalists (the code's own constants), and the decision behind the cold import steps
    const names = ['50', '99', '40', '47', '48', '8', '68', '3', '10'];
    expect(numbers.filter((number) => ![...fromTheRun, ...targets, ...names].includes(number))).toEqual([]);
  });
});
