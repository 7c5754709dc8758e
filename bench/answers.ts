import type { LocalRuntime } from '../local/runtime.ts';

/**
 * Answers that differ from parent to parent (kindergartens, districts, options), as a crowd's
 * would: every survey load of the bench sends these, so the counters it moves are spread as in a
 * real campaign rather than all on the same few slices.
 */
export function variedAnswers(runtime: LocalRuntime, i: number) {
  const kindergartens = runtime.seed!.data.kindergartens;
  return {
    kindergartens: [kindergartens[(i * 7) % kindergartens.length]!.kindergartenId, kindergartens[(i * 7 + 3) % kindergartens.length]!.kindergartenId],
    ownership: { choice: ['any', 'state', 'private'][i % 3]!, reasons: [] },
    language: { choice: i % 2 ? 'kk' : 'ru' },
    fee: { choice: ['up-to-10000', 'up-to-20000', 'up-to-50000'][i % 3]! },
    activities: { options: i % 4 ? ['chess'] : ['chess', 'drawing'] },
    digital: { options: i % 3 ? ['android'] : ['ios', 'cashless'] },
  };
}
