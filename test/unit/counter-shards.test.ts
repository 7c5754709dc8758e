import { describe, expect, it } from 'vitest';
import { allCounterShards, counterShardOf, counterShards } from '#domain/counter-shards';

describe('counter shards', () => {
  it('should place an applicant by the FNV-1a hash of the IIN, the same shard every time', () => {
    // Prepare: FNV-1a 32-bit of "a" is 0xe40c292c (the published test vector), so shard 12 of 16
    const iins = ['a', '880101300123', '950312450017'];
    // Act
    const shards = iins.map(counterShardOf);
    const again = iins.map(counterShardOf);
    // Assess
    expect(counterShards).toBe(16);
    expect(shards).toEqual([12, 6, 2]);
    expect(again).toEqual(shards);
  });

  it('should spread a crowd of applicants over every shard, none with more than twice its share', () => {
    // Prepare: 1,600 consecutive IIN-like numbers, 100 a shard if even
    const iins = Array.from({ length: 1600 }, (_, i) => String(900101300000 + i * 7));
    // Act
    const perShard = new Map<number, number>();
    for (const iin of iins) perShard.set(counterShardOf(iin), (perShard.get(counterShardOf(iin)) ?? 0) + 1);
    // Assess
    expect([...perShard.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(Math.max(...perShard.values())).toBeLessThanOrEqual(200);
    expect(allCounterShards).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });
});
