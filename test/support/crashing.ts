import type { Dependencies } from '#ports/dependencies';

/**
 * The dependencies with an application store whose `applyTransitions` crashes on the calls
 * `crashOn` picks: `before` the write (nothing lands) or `after` it (it landed, the caller never
 * hears). Everything else is the real store.
 */
export function withCrashingTransitions(base: Dependencies, crashOn: (call: number) => 'before' | 'after' | undefined): Dependencies {
  let calls = 0;
  return Object.create(base, {
    applications: {
      value: new Proxy(base.applications, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (property !== 'applyTransitions') return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: Parameters<typeof target.applyTransitions>) => {
            const crash = crashOn(++calls);
            if (crash === 'before') throw new Error('injected crash');
            const result = await target.applyTransitions(...args);
            if (crash === 'after') throw new Error('injected crash');
            return result;
          };
        },
      }),
    },
  }) as Dependencies;
}
