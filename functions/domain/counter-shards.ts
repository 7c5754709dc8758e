/**
 * Counters that every survey submission moves (the answer slices, the campaign's confirmations)
 * are split into shards: a submission adds to one shard, a reader sums all of them. A shard is
 * chosen by the applicant (a crowd of parents spreads evenly over the shards: no hot item, no hot
 * partition), and a retried transaction moves on to another shard.
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

/**
 * The shard of a transaction's `attempt` (1, 2, …): the applicant's first, then a step of 37 (odd,
 * so the walk visits every shard) for each retry. A retry cancelled on a contended shard goes to
 * another instead of queueing behind the same crowd; the sums are the same wherever a delta lands.
 */
export const counterShardOfAttempt = (applicantIin: string, attempt: number): number => (counterShardOf(applicantIin) + (attempt - 1) * 37) % counterShards;

/** Every counter shard number, in order: what a reader asks for (64 keys, one BatchGet). */
export const allCounterShards: readonly number[] = Array.from({ length: counterShards }, (_, shard) => shard);

/** The pending index's partitions per campaign: enough to spread a city's marking and closing, few enough that a reader's empty ones cost little. */
export const pendingShards = 16;

/** The pending-index shard of an application. */
export const pendingShardOf = (applicationId: string): number => fnv1a(applicationId) % pendingShards;

/** Every pending-index shard number, in order. */
export const allPendingShards: readonly number[] = Array.from({ length: pendingShards }, (_, shard) => shard);
