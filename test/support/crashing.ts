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
