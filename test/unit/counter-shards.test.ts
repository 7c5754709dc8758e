import { describe, expect, it } from 'vitest';
import { allCounterShards, allPendingShards, counterShardOf, pendingShardOf } from '#domain/counter-shards';

describe('counter shards', () => {
  it('should place an applicant by the FNV-1a hash of the IIN, the same shard every time', () => {
    // Prepare: FNV-1a 32-bit of "a" is 0xe40c292c (the published test vector): 44 of 64, 12 of 16
    const keys = ['a', '880101300123', '950312450017'];
    // Act
    const counters = keys.map(counterShardOf);
    const pending = keys.map(pendingShardOf);
    // Assess
    expect(counters).toEqual([44, 38, 2]);
    expect(keys.map(counterShardOf)).toEqual(counters);
    expect(pending).toEqual([12, 6, 2]);
  });

  it('should spread a crowd of applicants over every shard, none with more than twice its share', () => {
    // Prepare: 6,400 IIN-like numbers, 100 a counter shard if even
    const iins = Array.from({ length: 6400 }, (_, i) => String(900101300000 + i * 7));
    // Act
    const perShard = new Map<number, number>();
    for (const iin of iins) perShard.set(counterShardOf(iin), (perShard.get(counterShardOf(iin)) ?? 0) + 1);
    // Assess
    expect([...perShard.keys()].sort((a, b) => a - b)).toEqual(allCounterShards);
    expect(allCounterShards).toHaveLength(64);
    expect(Math.max(...perShard.values())).toBeLessThanOrEqual(200);
    expect(allPendingShards).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });
});
