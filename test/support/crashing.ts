import type { Dependencies } from '#ports/dependencies';

/**
 * The dependencies with a unit of work whose `commit` (every change of applications goes through
 * it) crashes on the calls `crashOn` picks: `before` the write (nothing lands) or `after` it (it
 * landed, the caller never hears). Everything else is the real thing.
 */
export function withCrashingTransitions(base: Dependencies, crashOn: (call: number) => 'before' | 'after' | undefined): Dependencies {
  let calls = 0;
  const unitOfWork: Dependencies['unitOfWork'] = {
    async commit(intents) {
      const crash = crashOn(++calls);
      if (crash === 'before') throw new Error('injected crash');
      await base.unitOfWork.commit(intents);
      if (crash === 'after') throw new Error('injected crash');
    },
  };
  return Object.create(base, { unitOfWork: { value: unitOfWork } }) as Dependencies;
}

/** A small seeded generator (mulberry32): the same kills on every run. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
