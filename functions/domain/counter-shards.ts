/**
 * Counters that every survey submission moves (the answer slices, the campaign's confirmations)
 * are split into shards: a submission adds to one shard, a reader sums all of them. A shard is
 * chosen by the applicant, so a re-submission moves the same shard it moved before and a crowd of
 * parents spreads evenly over the shards (no hot item, no hot partition).
 */
export const counterShards = 16;

/** The shard (0 … `counterShards` − 1) an applicant's counters go to: FNV-1a of the IIN. */
export function counterShardOf(applicantIin: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < applicantIin.length; i++) {
    hash ^= applicantIin.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % counterShards;
}

/** Every shard number, in order: what a reader asks for. */
export const allCounterShards: readonly number[] = Array.from({ length: counterShards }, (_, shard) => shard);
