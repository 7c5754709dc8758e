/**
 * Counters that every survey submission moves (the answer slices, the campaign's confirmations)
 * are split into shards: a submission adds to one shard, a reader sums all of them. A shard is
 * chosen by the applicant, so a re-submission moves the same shard it moved before and a crowd of
 * parents spreads evenly over the shards (no hot item, no hot partition).
 */
export const counterShards = 64;

/** FNV-1a (32 bits) of a string: cheap, stable across runtimes, evenly spread on IINs and ids. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The shard (0 … `counterShards` − 1) an applicant's counters go to. */
export const counterShardOf = (applicantIin: string): number => fnv1a(applicantIin) % counterShards;

/** Every counter shard number, in order: what a reader asks for (64 keys, one BatchGet). */
export const allCounterShards: readonly number[] = Array.from({ length: counterShards }, (_, shard) => shard);

/** The pending index's partitions per campaign: enough to spread a city's marking and closing, few enough that a reader's empty ones cost little. */
export const pendingShards = 16;

/** The pending-index shard of an application. */
export const pendingShardOf = (applicationId: string): number => fnv1a(applicationId) % pendingShards;

/** Every pending-index shard number, in order. */
export const allPendingShards: readonly number[] = Array.from({ length: pendingShards }, (_, shard) => shard);
